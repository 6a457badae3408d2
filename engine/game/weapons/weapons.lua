return {
	gun = { name = "Gun", weaponType = "Cannon", range = 100, reloadTime = 1, damage = { default = 10 } },
	boom = { name = "Boom", weaponType = "Cannon", range = 10, damage = { default = 1 } },
}

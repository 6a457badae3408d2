-- The engine's own gadget handler (LuaGadgets in springcontent.sdz) runs LuaRules/Gadgets/.
VFS.Include("LuaGadgets/gadgets.lua", nil, VFS.BASE)

local FakeGame = require("fake_game")
local WidgetHost = require("widget_host")

describe("settings", function()
	local function load(config)
		local game = FakeGame.new({ shape = "1v1" })
		return WidgetHost.load(game, { config = config, socket = false }), game
	end

	local DEFAULTS = {
		host = "127.0.0.1", port = 9876, auto_reconnect = true, retry_max = 30, state_interval = 1, log_level = "info",
		queue_size = 500, frame_budget = 65536, notable_cost = 1000,
	}

	it("starts from the defaults", function()
		local host = load(nil)
		assert.same(DEFAULTS, host.widget:GetConfigData())
	end)

	it("survives a save and a load between games", function()
		local first = load(nil)
		for _, line in ipairs({ "livedata port 9900", "livedata host 127.0.0.2", "livedata interval 2.5",
			"livedata loglevel warn", "livedata setqueuesize 64", "livedata budget 8192",
			"livedata notable 300", "livedata autoreconnect off", "livedata retrymax 120" }) do
			assert.is_true(first:command(line))
		end
		local saved = first:shutdown()
		local second, game = load(saved)
		assert.same(saved, second.widget:GetConfigData())
		assert.same({ host = "127.0.0.2", port = 9900, auto_reconnect = false, retry_max = 120, state_interval = 2.5,
			log_level = "warn", queue_size = 64, frame_budget = 8192, notable_cost = 300 }, saved)
		assert.equal(64, second.test.queue.cap)
		assert.is_nil(game.echoes[1]:find("saved settings"))
	end)

	it("replaces unknown or invalid saved values by defaults, with one log line naming them", function()
		local host, game = load({
			host = "bar.example", port = 70000, auto_reconnect = "perhaps", retry_max = 0.5, state_interval = 0 / 0,
			log_level = "chatty", queue_size = 3.5, frame_budget = -1, notable_cost = 250, colour = "blue",
		})
		local expected = {}
		for k, v in pairs(DEFAULTS) do
			expected[k] = v
		end
		expected.notable_cost = 250
		assert.same(expected, host.widget:GetConfigData())
		local lines = {}
		for _, line in ipairs(game.echoes) do
			if line:find("saved settings") then
				lines[#lines + 1] = line
			end
		end
		assert.equal(1, #lines)
		for _, word in ipairs({ "host=bar.example", "port=70000", "auto_reconnect=perhaps", "retry_max=0.5",
			"state_interval=", "log_level=chatty", "queue_size=3.5", "frame_budget=-1", "unknown setting colour" }) do
			assert.is_truthy(lines[1]:find(word, 1, true), word)
		end
		assert.is_nil(lines[1]:find("notable_cost"))
	end)

	it("names the invalid saved values whatever the saved log level", function()
		local _, game = load({ log_level = "error", port = "ninety", queue_size = 16 })
		local line = game.echoes[1] or ""
		assert.matches("saved settings: using defaults for port=ninety", line)
		local _, quiet = load({ log_level = "error" })
		assert.is_nil(table.concat(quiet.echoes, "\n"):find("saved settings")) -- valid settings: no line
	end)

	it("copes with saved data that is not a table", function()
		local host, game = load("garbage")
		assert.same(DEFAULTS, host.widget:GetConfigData())
		assert.matches("saved settings: using defaults for saved settings were not a table", game.echoes[1])
	end)
end)

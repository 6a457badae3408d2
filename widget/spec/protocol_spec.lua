-- Every frame the widget sends in whole scripted games passes the bridge's own decoder, parser
-- and protocol validation; each connection starts with hello as seq 1 and counts up.
local helpers = require("helpers")

describe("protocol", function()
	local env

	after_each(function()
		helpers.teardown(env)
	end)

	local games = {
		{ shape = "1v1", viewer = "player" },
		{ shape = "2x8", aiTeams = 2, spectators = 3 },
		{ shape = "ffa16", aiTeams = 1, spectators = 2, seed = 5 },
		{ shape = "4v4", spectators = 2, fullView = false },
	}

	for _, opts in ipairs(games) do
		local name = opts.shape .. (opts.viewer == "player" and " as a player" or
			(opts.fullView == false and " as a spectator without full view" or " as a spectator"))
		it("holds for a whole " .. name .. " game", function()
			env = helpers.setup({ game = opts, config = { notable_cost = 50 } })
			assert.is_true(helpers.connected(env))
			env.game:autoplay(60)
			env.game:start()
			helpers.run(env, 20)
			env.game:setPaused(0, true)
			helpers.run(env, 2)
			env.game:setPaused(0, false)
			env.server:dropConnections() -- a second connection must start over with hello
			helpers.run(env, 45)
			env.host:shutdown()
			helpers.run(env, 0.2)
			local frames, kinds = {}, {}
			for c, conn in ipairs(env.server.conns) do
				local last = 0
				for i, m in ipairs(conn.messages) do
					frames[#frames + 1] = conn.frames[i]
					kinds[m.type] = (kinds[m.type] or 0) + 1
					if i == 1 then
						assert.same({ "hello", 1 }, { m.type, m.seq }, "connection " .. c)
					end
					assert.is_true(m.seq > last, "seq goes up")
					last = m.seq
				end
			end
			assert.equal(2, #env.server.conns)
			assert.equal(0, env.t.queue.dropped)
			assert.is_true(kinds.state > 50 and kinds.event > 5 and kinds.goodbye == 1 and kinds.hello == 2)
			local results = helpers.bridgeParse(frames, true)
			assert.equal(#frames, #results)
			for i, r in ipairs(results) do
				assert.is_true(r.ok, "frame " .. i .. ": " .. tostring(r.error) .. "\n" .. frames[i]:sub(1, 300))
			end
		end)
	end
end)

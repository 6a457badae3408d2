local helpers = require("helpers")

describe("JSON encoder", function()
	local env, Json

	setup(function()
		env = helpers.setup({ noServer = true })
		Json = env.t.Json
	end)
	teardown(function()
		helpers.teardown(env)
	end)

	describe("numbers", function()
		it("writes whole numbers plain", function()
			for _, v in ipairs({ 0, 1, 7, 42, 999, 1000, 65535, 123456, 8388608, 16777216, 2147483647 }) do
				assert.equal(string.format("%.0f", v), Json.number(v))
				assert.equal("-" .. string.format("%.0f", v), Json.number(-v) == "0" and "-0" or Json.number(-v))
			end
		end)

		it("writes big whole numbers digit by digit, exactly", function()
			-- Powers of two and their multiples are exact in 32-bit floats too; %.0f prints the
			-- exact value, so it is the oracle.
			for _, v in ipairs({ 2 ^ 31, 2 ^ 32, 3 * 2 ^ 40, 2 ^ 53, 5 * 2 ^ 60, 1e15, 123456789 * 1024 }) do
				assert.equal(string.format("%.0f", v), Json.number(v))
			end
			assert.equal("-4294967296", Json.number(-2 ^ 32))
		end)

		it("rounds other numbers to at most 2 decimals, without trailing zeros", function()
			local cases = {
				{ 0.1, "0.1" }, { 0.5, "0.5" }, { 24.35, "24.35" }, { 1.05, "1.05" }, { 3.10, "3.1" },
				{ 0.125, "0.13" }, { 2.999, "3" }, { 0.004, "0" }, { 99.996, "100" }, { 1234.5678, "1234.57" },
				{ 123456.78, "123456.78" }, { -0.5, "-0.5" }, { -24.35, "-24.35" }, { -0.001, "0" }, { 1e-7, "0" },
			}
			for _, c in ipairs(cases) do
				assert.equal(c[2], Json.number(c[1]), "for " .. tostring(c[1]))
			end
		end)

		it("writes null for NaN and infinities", function()
			assert.equal("null", Json.number(0 / 0))
			assert.equal("null", Json.number(math.huge))
			assert.equal("null", Json.number(-math.huge))
			assert.equal("[null,null,1]", Json.encode({ 0 / 0, math.huge, 1 }))
		end)

		it("writes what a 32-bit float holds as plain digits (the engine's numbers)", function()
			-- Big cumulative stats lose their fractions in floats; whatever the build, the text is
			-- digits with at most 2 decimals, equal to the value held.
			for _, v in ipairs({ 1234567.89, 98765432.1, 16777217, 3.4e38, 1e-30, -7654321.5, 2 ^ 24 + 0.5 }) do
				local text = Json.number(v)
				assert.matches("^%-?%d+%.?%d?%d?$", text)
				assert.near(v, tonumber(text), math.max(0.0051, math.abs(v) * 1e-7))
			end
		end)

		it("never writes exponents or locale commas", function()
			for _, v in ipairs({ 1e-5, 1e20, 0.3333333, 1 / 3, 12345678.9 }) do
				assert.is_nil(Json.number(v):find("[eE,]"))
			end
		end)
	end)

	describe("strings", function()
		it("escapes quotes, backslashes and every control character", function()
			assert.equal('"a\\"b\\\\c/d"', Json.encode('a"b\\c/d'))
			assert.equal('"\\b\\f\\n\\r\\t"', Json.encode("\b\f\n\r\t"))
			for i = 0, 31 do
				local out = Json.encode(string.char(i))
				assert.is_nil(out:sub(2, -2):find("[%z\1-\31]"), "raw control byte " .. i)
				assert.equal(string.char(i), helpers.decode(out))
			end
			assert.equal('"\\u0000\\u0001\\u001f\\u007f"', Json.encode("\0\1\31\127"))
		end)

		it("passes valid UTF-8 through", function()
			for _, s in ipairs({ "Zoë Müller", "日本語の名前", "Rocket🚀", "ÿ€𝄞" }) do
				assert.equal('"' .. s .. '"', Json.encode(s))
			end
		end)

		it("replaces invalid UTF-8 with U+FFFD", function()
			local R = "\239\191\189"
			assert.equal('"bad' .. R .. 'byte"', Json.encode("bad\255byte"))
			assert.equal('"' .. R .. R .. '"', Json.encode("\192\128")) -- overlong NUL
			assert.equal('"' .. R .. R .. R .. '"', Json.encode("\237\160\128")) -- a surrogate
			assert.equal('"cut' .. R .. R .. '"', Json.encode("cut\226\130")) -- truncated: one per byte
			assert.equal('"' .. R .. R .. R .. R .. '"', Json.encode("\244\144\128\128")) -- above U+10FFFF
		end)
	end)

	describe("tables", function()
		it("tells arrays from objects", function()
			assert.equal("[]", Json.encode({}))
			assert.equal("[1,2,3]", Json.encode({ 1, 2, 3 }))
			assert.equal('{"a":1}', Json.encode({ a = 1 }))
			assert.equal('[[],{"x":[true,false]}]', Json.encode({ {}, { x = { true, false } } }))
			local sparse = helpers.decode(Json.encode({ [1] = "a", [1000] = "b" }))
			assert.same({ ["1"] = "a", ["1000"] = "b" }, sparse)
			local mixed = helpers.decode(Json.encode({ 1, 2, name = "x" }))
			assert.same({ ["1"] = 1, ["2"] = 2, name = "x" }, mixed)
			assert.same({ ["0"] = "zero" }, helpers.decode(Json.encode({ [0] = "zero" })))
		end)

		it("writes shaped objects in key order with missing values as null", function()
			local shape = Json.shape({ "id", "name", "metal", "dead" })
			assert.equal('{"id":3,"name":"x","metal":null,"dead":false}',
				Json.encode(Json.withShape({ dead = false, name = "x", id = 3 }, shape)))
			assert.equal("{}", Json.encode(Json.withShape({ a = 1 }, Json.shape({}))))
			assert.equal('{"a":null}', Json.encode({ a = Json.null }))
		end)

		it("returns a one-line error for what JSON cannot hold", function()
			local cyclic = {}
			cyclic.self = cyclic
			local s, err = Json.encode(cyclic)
			assert.is_nil(s)
			assert.matches("nesting deeper than 32", err)
			s, err = Json.encode({ f = print })
			assert.is_nil(s)
			assert.matches("cannot encode a function", err)
			s, err = Json.encode({ [true] = 1 })
			assert.is_nil(s)
			assert.matches("cannot encode a key of type boolean", err)
			-- and the encoder still works after a failure
			assert.equal("[1]", Json.encode({ 1 }))
		end)

		it("writes shapes with kinds as shapes without, whatever the values and however often", function()
			local keys = { "a", "b", "c", "d" }
			local plain = Json.shape(keys)
			local kinded = { Json.shape(keys, false, "nnnn"), Json.shape(keys, false, "ssss"), Json.shape(keys, false, "nnss"),
				Json.shape(keys, false, "s.nn") }
			local tables = {}
			for i, shape in ipairs(kinded) do
				tables[i] = Json.withShape({}, shape)
			end
			-- Values that repeat (texts reused), change and come back, turn into other types in "n"
			-- fields (the second pass), and tables in "s" fields (never reused: contents change).
			local inner, NIL = { 1 }, {}
			local values = { 1.5, 1.5, 1.5, 1000.25, 1.5, 1.5, 1.5, 1.5, 16777215, 2 ^ 31, -0.004, 0, 0 / 0, 0 / 0, 1 / 0,
				-7.5, 999.996, "x", "x", true, Json.null, inner, inner, NIL, "Zoë", 1.5, 1.5 }
			for step = 1, 8 * #values do
				inner[1] = step
				local row = {}
				for f = 1, 4 do -- each row written four times running; fields out of step
					row[f] = values[(math.floor(step / 4) + f * (f + 2)) % #values + 1]
					if row[f] == NIL then
						row[f] = nil
					end
				end
				local want = Json.encode(Json.withShape({ a = row[1], b = row[2], c = row[3], d = row[4] }, plain))
				for _, t in ipairs(tables) do
					t.a, t.b, t.c, t.d = row[1], row[2], row[3], row[4]
					assert.equal(want, Json.encode(t))
				end
			end
			local s, err = Json.encode(Json.withShape({ a = print }, kinded[1]))
			assert.is_nil(s)
			assert.matches("cannot encode a function", err)
		end)
	end)

	describe("through the bridge's frame decoder and JSON parser", function()
		it("round-trips hostile names, unicode, every byte and odd numbers", function()
			local allBytes = {}
			for i = 0, 255 do
				allBytes[#allBytes + 1] = string.char(i)
			end
			local values = {
				{ name = 'Zoë "Ace" Müller', html = "<img src=x onerror=alert(1)>", path = "C:\\BAR\\data" },
				{ "日本語", "Rocket🚀", "\0\1\2\3\27[31mred", "tab\tnew\nline\r", "\127del", "\226\128\168sep" },
				{ numbers = { 0, -1, 0.1, 24.35, -99.99, 16777216, 2 ^ 40, 1e15, 123456.78 } },
				{ nested = { { { { {} } } } }, empty = {}, flags = { true, false } },
				{ s = string.rep("x", 70000) },
			}
			local payloads = {}
			for i, v in ipairs(values) do
				payloads[i] = assert(Json.encode(v))
			end
			payloads[#payloads + 1] = assert(Json.encode(table.concat(allBytes)))
			local results = helpers.bridgeParse(payloads)
			assert.equal(#payloads, #results)
			for i, r in ipairs(results) do
				assert.is_true(r.ok, r.error)
				-- Node re-serialises what it parsed; decoding that must give what we encoded.
				assert.same(helpers.decode(payloads[i]), r.value)
			end
			-- Every byte: ASCII and control bytes come back as themselves, others as U+FFFD.
			local back = results[#results].value
			assert.equal(table.concat(allBytes, "", 1, 128), back:sub(1, 128))
			assert.equal(string.rep("\239\191\189", 128), back:sub(129))
		end)
	end)
end)

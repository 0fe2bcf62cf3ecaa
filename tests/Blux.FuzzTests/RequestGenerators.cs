using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Blux.FuzzTests;

/// <summary>
/// CsCheck generators of requests for the operations of the OpenAPI document: path values, query
/// strings, headers and bodies. Bodies follow the operation's schema with Blux's own vocabulary (so
/// many requests get past validation into handlers), and are often bent: a value of the wrong type,
/// a hostile string, a number no double holds, a member twice, nesting far past any limit, bytes that
/// are not UTF-8, JSON cut short.
/// </summary>
internal sealed class RequestGenerators
{
    private const int MaxNesting = 5;

    private static readonly string[] Hostile =
    [
        "", " ", "\n", "x\n", "evil\r\n", "\u2028", "\t", "null", "true", "0", "-1", "1e400", "NaN", "[]", "{}", "\"",
        "\\", "%", "%zz", "%2e%2e%2f", "../../etc/passwd", "..\\..\\windows", "/", "//", "' OR '1'='1", "<script>alert(1)</script>",
        "${jndi:ldap://x}", "{{7*7}}", "é✓ 😀", "\ud800", "x\udc00y", "\ufeff", "\u202eevil", "ﬀ", "İ", new string('a', 300),
        string.Concat(Enumerable.Repeat("𝔘", 100)), "task_missing", "key_missing", "aud_missing", "user_alice", "svc_ingest", "sales", "ref://data/sales",
    ];

    private static readonly string[] Scripts =
    [
        "1+1", "input", "JSON.stringify(input)", "throw new Error('boom')", "while(true){}", "console.log('x'.repeat(5000)); 1",
        "(", "import('fs')", "'\\ud800'", "new Array(100000).fill(1).length", "let s=''; for (let i=0;i<1e5;i++) s+='x'; s.length",
    ];

    /// <summary>Values worth trying for members Blux knows by name: ones it accepts, then ones it must refuse.</summary>
    private static readonly Dictionary<string, (string[] Valid, string[] Invalid)> Vocabulary = new(StringComparer.Ordinal)
    {
        ["type"] = (["echo", "test", "script", "data_analysis", "webhook"], ["teleport", "ECHO"]),
        ["task_type"] = (["echo", "script"], ["teleport"]),
        ["environment"] = (["development", "staging", "production", "dev", "stage", "prod"], ["mars"]),
        ["sensitivity"] = (["low", "medium", "high", "critical"], ["extreme"]),
        ["audit_level"] = (["none", "basic", "detailed", "verbose"], ["everything"]),
        ["reflection_depth"] = (["medium", "deep"], ["shallow"]),
        ["language"] = (["javascript"], ["python"]),
        ["operation"] = (["analyze", "invoice.sent"], ["summarize"]),
        ["grant_type"] = (["client_credentials"], ["password"]),
        ["client_id"] = (["admin", "svc_ingest"], ["nobody"]),
        ["key_type"] = (["token_signing", "audit_signing"], ["master"]),
        ["kind"] = (["user", "service"], ["robot"]),
        ["scope"] = (["tasks:read", "audit:read tasks:write"], ["root"]),
        ["status"] = (["success", "failure", "denied"], ["queued"]),
        ["service"] = (["billing", "ledger"], ["blux-guard"]),
        ["target"] = (["billing"], ["http://127.0.0.1:1/", "unknown"]),
        ["task_id"] = (["task_fuzz_1", "task_fuzz_2", "task_fuzz_3"], ["task missing", "t\n"]),
        ["id"] = (["user_fuzz", "svc_fuzz"], ["system", "has space"]),
        ["display_name"] = (["Fuzz"], [""]),
        ["reason"] = (["checked by the fuzzer"], [new string('r', 2000)]),
        ["rotation_reason"] = (["scheduled"], [""]),
        ["kid"] = (["client-1"], ["key_missing"]),
        ["input_hash"] = (["sha256-" + new string('a', 64)], ["sha256-" + new string('A', 64), "md5-0"]),
        ["output_hash"] = (["sha256-" + new string('b', 64)], ["sha256-"]),
        ["valid_after"] = (["2026-01-01T00:00:00Z"], ["2999-01-01T00:00:00Z", "yesterday"]),
        ["timestamp"] = ([], ["2026-11-30T00:00:00.000Z", "1970-01-01T00:00:00Z", "tomorrow"]),
        ["signature"] = ([], ["es512-AAAA", "es512-" + new string('A', 176), "hs256-x"]),
        ["kty"] = (["EC"], ["RSA", "oct"]),
        ["crv"] = (["P-521"], ["P-256"]),
    };

    /// <summary>Members a request may leave out and that a plausible request does leave out: including them at random makes almost every request invalid.</summary>
    private static readonly HashSet<string> Optional = new(StringComparer.Ordinal) { "signature", "kid", "timestamp", "task_id", "scope", "valid_after", "id" };

    private static readonly string[] QueryNames =
        ["wait", "page_size", "page_token", "status", "type", "from_seq", "to_seq", "since", "until", "service", "operation", "identity", "q"];

    private static readonly string[] QueryValues =
        ["0", "1", "2", "-1", "61", "200", "201", "abc", "1e3", "", "9223372036854775808", "1.5", "completed", "echo", "2026-11-30T00:00:00Z", "%00", "%ff", "a&b=c"];

    private readonly string _adminToken;
    private readonly JsonObject? _components;

    /// <param name="adminToken">A valid token, used by most requests so that they reach the handlers.</param>
    /// <param name="components">The document's <c>components.schemas</c>, which <c>$ref</c>s name.</param>
    public RequestGenerators(string adminToken, JsonObject? components)
    {
        _adminToken = adminToken;
        _components = components;
    }

    /// <summary>A request for <paramref name="operation"/>.</summary>
    public Gen<FuzzRequest> For(ApiOperation operation) =>
        from path in PathFor(operation)
        from query in QueryFor(operation)
        from authorization in Authorization()
        from headers in ExtraHeaders()
        from withBody in Gen.Int[0, 9].Select(n => operation.Method is "POST" or "PUT" ? n < 9 : n == 0)
        from body in Body(operation)
        from contentType in ContentType(operation)
        select new FuzzRequest(operation, path, query, authorization, withBody ? contentType : null, headers, withBody ? body : null);

    private static Gen<T> Choose<T>(params Gen<T>[] gens) => Gen.Int[0, gens.Length - 1].SelectMany(i => gens[i]);

    private static Gen<string> Pick(IReadOnlyList<string> values) => Gen.Int[0, values.Count - 1].Select(i => values[i]);

    private static Gen<string> Text() => Choose(Pick(Hostile), Gen.String[0, 24], Gen.Char['!', '~'].Array[0, 16].Select(c => new string(c)));

    /// <summary>Path values never hold NUL (the test client refuses that path before sending it) nor name the admin identity, which the fuzzer must not disable.</summary>
    private static Gen<string> PathFor(ApiOperation operation)
    {
        var value = Text().Select(v => v.Replace("\0", string.Empty, StringComparison.Ordinal)).Where(v => !string.Equals(v, "admin", StringComparison.OrdinalIgnoreCase));
        return value.Array[operation.PathParameters.Count].Select(values =>
        {
            var path = operation.PathTemplate;
            for (var i = 0; i < values.Length; i++)
            {
                path = path.Replace("{" + operation.PathParameters[i] + "}", Uri.EscapeDataString(values[i].Length == 0 ? "x" : values[i]), StringComparison.Ordinal);
            }

            return path;
        });
    }

    /// <summary>
    /// Names from the document and Blux's query vocabulary. <c>wait</c> takes no valid value above 2 s:
    /// a valid wait may hold the answer that long, which is not a hang.
    /// </summary>
    private static Gen<string> QueryFor(ApiOperation operation)
    {
        var name = Choose(Pick(operation.QueryParameters.Count > 0 ? [.. operation.QueryParameters, .. QueryNames] : QueryNames), Gen.String[1, 8]);
        var value = Choose(Pick(QueryValues), Text());
        var pair = Gen.Select(name, value, Gen.Bool, (n, v, raw) => raw && v.All(char.IsAscii) && !v.Contains(' ') ? $"{n}={v}" : $"{Uri.EscapeDataString(n)}={Uri.EscapeDataString(v)}");
        return pair.Array[0, 4].Select(pairs => string.Join('&', pairs));
    }

    private Gen<string?> Authorization() => Gen.Frequency<string?>(
        (70, Gen.Const<string?>("Bearer " + _adminToken)),
        (6, Gen.Const((string?)null)),
        (4, Text().Select(t => (string?)("Bearer " + Ascii(t)))),
        (4, Gen.Int[0, _adminToken.Length - 1].Select(i => (string?)("Bearer " + _adminToken[..i] + (_adminToken[i] == 'A' ? 'B' : 'A') + _adminToken[(i + 1)..]))),
        (4, Gen.Const<string?>("Basic YWRtaW46YWRtaW4=")),
        (6, HostileJwt().Select(t => (string?)("Bearer " + t))),
        (3, Gen.Const<string?>("Bearer " + new string('a', 20_000))));

    /// <summary>A JWT whose header or claims are JSON Blux could not read, under the real token's signature.</summary>
    private Gen<string> HostileJwt()
    {
        var parts = _adminToken.Split('.');
        return Gen.Select(Gen.Bool, HostileJson(), (header, json) =>
        {
            var encoded = Convert.ToBase64String(json.ToBytes()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            return header ? $"{encoded}.{parts[1]}.{parts[2]}" : $"{parts[0]}.{encoded}.{parts[2]}";
        });
    }

    private static Gen<IReadOnlyList<(string Name, string Value)>> ExtraHeaders()
    {
        var name = Pick(["X-Request-Id", "Accept", "Accept-Charset", "If-None-Match", "Last-Event-ID", "X-Forwarded-For", "Cookie", "X-Fuzz"]);
        var value = Text().Select(Ascii);
        return Gen.Select(name, value).Array[0, 3].Select(h => (IReadOnlyList<(string, string)>)h.ToList());
    }

    private static Gen<string?> ContentType(ApiOperation operation) => Gen.Frequency<string?>(
        (60, Gen.Const<string?>(operation.ContentTypes.FirstOrDefault() ?? "application/json")),
        (6, Gen.Const<string?>("application/json; charset=utf-8")),
        (4, Gen.Const<string?>("text/csv")),
        (4, Gen.Const<string?>("application/x-www-form-urlencoded")),
        (4, Gen.Const<string?>("text/plain")),
        (4, Gen.Const<string?>("multipart/form-data; boundary=x")),
        (4, Gen.Const<string?>("application/json; charset=utf-16")),
        (4, Gen.Const((string?)null)));

    private Gen<byte[]> Body(ApiOperation operation) => Gen.Frequency<byte[]>(
        (35, FromSchema(operation.BodySchema, null, 0, plausible: true).Select(j => j.ToBytes())),
        (15, FromSchema(operation.BodySchema, null, 0, plausible: false).Select(j => j.ToBytes())),
        (20, HostileJson().Select(j => j.ToBytes())),
        (8, Mangled(FromSchema(operation.BodySchema, null, 0, plausible: false))),
        (6, RandomJson(0).Select(j => j.ToBytes())),
        (4, Gen.Byte.Array[0, 64]),
        (4, Gen.Const(Array.Empty<byte>())),
        (4, Gen.Const("name,n\nann,1\nbob,\"2\n".Select(c => (byte)c).ToArray())),
        (2, Gen.Int[1_000_000, 1_100_000].Select(n => Encoding.ASCII.GetBytes("{\"a\":\"" + new string('x', n) + "\"}"))));

    /// <summary>JSON that parses but that Blux must refuse: every class the door checks, inside an otherwise plausible body.</summary>
    private static Gen<FuzzJson> HostileJson()
    {
        var bad = Choose(
            Pick(["\ud800", "\udc00", "a\ud83d", "\udfff\ud800"]).Select(s => (FuzzJson)new FuzzString(s)),
            Gen.Byte[0x80, 0xff].Array[1, 4].Select(b => (FuzzJson)new FuzzRawString(b)),
            Gen.Const((FuzzJson)new FuzzRawString([0xed, 0xa0, 0x80])),
            Pick(["1e400", "-1e400", "1E309", "123456789012345678901234567890e300"]).Select(n => (FuzzJson)new FuzzLiteral(n)),
            Gen.Select(Gen.Int[20, 40_000], Gen.Bool, (depth, objects) => (FuzzJson)new FuzzNested(depth, objects, new FuzzLiteral("1"))));
        var duplicate = Pick(["type", "task_id", "payload", "alg", "client_id"]).Select(n =>
            (FuzzJson)new FuzzObject([(n, new FuzzString("echo")), ("context", new FuzzObject([])), (n, new FuzzString("script"))]));
        var inObject = Gen.Select(Pick(["type", "payload", "client_id", "reason", "jwk", "context", "probe"]), bad, (name, value) =>
            (FuzzJson)new FuzzObject([("type", new FuzzString("echo")), (name, value)]));
        return Choose(inObject, duplicate, bad);
    }

    /// <summary>A body cut short, trailed by garbage, or preceded by a byte order mark.</summary>
    private static Gen<byte[]> Mangled(Gen<FuzzJson> json) =>
        Gen.Select(json, Gen.Int[0, 2], Gen.Double.Unit, (j, how, at) =>
        {
            var bytes = j.ToBytes();
            return how switch
            {
                0 => bytes[..(int)(bytes.Length * at)],
                1 => [.. bytes, .. "}{,]"u8],
                _ => [0xef, 0xbb, 0xbf, .. bytes],
            };
        });

    /// <summary>
    /// A value for <paramref name="schema"/>, with Blux's vocabulary for a member named
    /// <paramref name="name"/>. A <paramref name="plausible"/> value keeps to what Blux accepts, so
    /// that requests reach the handlers; any other is now and then bent.
    /// </summary>
    private Gen<FuzzJson> FromSchema(JsonNode? schema, string? name, int depth, bool plausible)
    {
        if (schema is null || depth > MaxNesting)
        {
            return plausible ? Gen.Const((FuzzJson)new FuzzObject([])) : RandomJson(depth);
        }

        var types = schema["type"] switch
        {
            JsonArray list => list.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToArray(),
            JsonValue single => [single.GetValue<string>()],
            _ => [],
        };
        var alternatives = (schema["oneOf"] ?? schema["anyOf"])?.AsArray().Select(a => a!).Where(a => a["type"]?.ToString() != "null").ToArray();
        Gen<FuzzJson> typed =
            alternatives is { Length: > 0 } ? Gen.Int[0, alternatives.Length - 1].SelectMany(i => FromSchema(alternatives[i], name, depth, plausible))
            : schema["$ref"] is not null || schema["properties"] is not null || types.Contains("object") ? ObjectFromSchema(schema, name, depth, plausible)
            : types.Contains("array") ? FromSchema(schema["items"], name, depth + 1, plausible).Array[plausible ? 1 : 0, 4].Select(items => (FuzzJson)new FuzzArray(items))
            : types.Contains("string") ? StringFor(name, plausible)
            : types.Contains("integer") || types.Contains("number") ? Number()
            : types.Contains("boolean") ? Pick(["true", "false"]).Select(b => (FuzzJson)new FuzzLiteral(b))
            : RandomJson(depth);
        return plausible ? typed : Gen.Frequency((85, typed), (10, RandomJson(MaxNesting)), (5, Gen.Const((FuzzJson)new FuzzLiteral("null"))));
    }

    private Gen<FuzzJson> ObjectFromSchema(JsonNode schema, string? name, int depth, bool plausible)
    {
        var resolved = Resolve(schema);
        var properties = resolved?["properties"]?.AsObject().Select(p => (p.Key, Schema: p.Value)).ToList() ?? [];
        if (properties.Count == 0)
        {
            return plausible ? PlausibleFreeObject(name) : RandomObject(depth);
        }

        var members = properties
            .Where(p => !plausible || !Optional.Contains(p.Key))
            .Select(p => Gen.Select(Gen.Int[0, 9], FromSchema(p.Schema, p.Key, depth + 1, plausible), (keep, value) => plausible || keep < 8 ? ((string, FuzzJson)?)(p.Key, value) : null))
            .ToArray();
        var extra = plausible ? Gen.Const(Array.Empty<(string, FuzzJson)>()) : Gen.Select(Text(), RandomJson(MaxNesting)).Array[0, 2];
        return Gen.Select(Sequence(members), extra, (chosen, more) =>
            (FuzzJson)new FuzzObject([.. chosen.OfType<(string, FuzzJson)>(), .. more.Select(m => (m.Item1, m.Item2))]));
    }

    /// <summary>Objects the document does not describe: a task payload for one of the routes, or a small object.</summary>
    private static Gen<FuzzJson> PlausibleFreeObject(string? name) => name == "payload"
        ? Choose(
            Gen.Const((FuzzJson)new FuzzObject([("n", new FuzzLiteral("1"))])),
            Pick(Scripts).Select(source => (FuzzJson)new FuzzObject([("language", new FuzzString("javascript")), ("source", new FuzzString(source)), ("input", new FuzzObject([("x", new FuzzLiteral("2"))]))])),
            Gen.Const((FuzzJson)new FuzzObject([("operation", new FuzzString("analyze")), ("data_references", new FuzzArray([new FuzzString("ref://data/sales")]))])))
        : Gen.Const((FuzzJson)new FuzzObject([("note", new FuzzString("fuzz"))]));

    private static Gen<T[]> Sequence<T>(IReadOnlyList<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(Array.Empty<T>()), (all, next) => Gen.Select(all, next, (a, n) => (T[])[.. a, n]));

    private JsonNode? Resolve(JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference ? _components?[reference.Split('/')[^1]] : schema;

    private static Gen<FuzzJson> StringFor(string? name, bool plausible)
    {
        var text = Text().Select(t => (FuzzJson)new FuzzString(t));
        if (name == "source")
        {
            return plausible ? Pick(Scripts).Select(s => (FuzzJson)new FuzzString(s)) : Choose(Pick(Scripts).Select(s => (FuzzJson)new FuzzString(s)), text);
        }

        if (name == "data_references")
        {
            return Pick(["ref://data/sales", "ref://data/missing", "file:///etc/passwd"]).Select(s => (FuzzJson)new FuzzString(s));
        }

        if (name is null || !Vocabulary.TryGetValue(name, out var known))
        {
            return plausible ? Pick(["fuzz", "user_alice", "billing"]).Select(s => (FuzzJson)new FuzzString(s)) : text;
        }

        var valid = known.Valid.Length > 0 ? Pick(known.Valid) : Pick(known.Invalid);
        return plausible
            ? valid.Select(s => (FuzzJson)new FuzzString(s))
            : Gen.Frequency((40, valid), (30, Pick([.. known.Valid, .. known.Invalid])), (30, Text())).Select(s => (FuzzJson)new FuzzString(s));
    }

    private static Gen<FuzzJson> Number() =>
        Choose(
            Pick(["0", "1", "-1", "42", "2147483648", "9223372036854775808", "1.5", "1e-400", "-0", "1e308", "0.1e1"]).Select(n => (FuzzJson)new FuzzLiteral(n)),
            Gen.Long.Select(n => (FuzzJson)new FuzzLiteral(n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            Gen.Const((FuzzJson)new FuzzString("12")));

    private static Gen<FuzzJson> RandomJson(int depth)
    {
        var scalar = Gen.Frequency(
            (4, Text().Select(t => (FuzzJson)new FuzzString(t))),
            (2, Number()),
            (1, Pick(["true", "false", "null"]).Select(l => (FuzzJson)new FuzzLiteral(l))));
        if (depth >= MaxNesting)
        {
            return scalar;
        }

        var inner = RandomJson(depth + 1);
        return Gen.Frequency(
            (7, scalar),
            (2, RandomObject(depth)),
            (1, inner.Array[0, 3].Select(items => (FuzzJson)new FuzzArray(items))));
    }

    private static Gen<FuzzJson> RandomObject(int depth) =>
        Choose(Pick([.. Vocabulary.Keys, "payload", "input", "body", "jwk", "reason", "data", "x"]), Text())
            .SelectMany(name => FromNameOrRandom(name, depth + 1).Select(value => (Name: name, Value: value)))
            .Array[0, 4]
            .Select(members => (FuzzJson)new FuzzObject(members.ToList()));

    private static Gen<FuzzJson> FromNameOrRandom(string name, int depth) =>
        Vocabulary.ContainsKey(name) || name == "source" ? StringFor(name, plausible: false) : RandomJson(depth);

    /// <summary>Header values are bytes on the wire: printable ASCII here (CR, LF and NUL are the web server's to refuse, see RequestHeadTests).</summary>
    private static string Ascii(string value) => new(value.Where(c => c is >= ' ' and <= '~').ToArray());
}

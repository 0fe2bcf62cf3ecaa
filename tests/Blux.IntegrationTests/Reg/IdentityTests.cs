using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Blux.IntegrationTests.Infrastructure;
using Blux.Modules.Reg.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Blux.IntegrationTests.Reg;

/// <summary>Identities over HTTP: create, read, list, disable, new secret, request-signing keys (docs/contract.md#identities-tokens-and-keys).</summary>
public sealed class IdentityTests : IClassFixture<BluxFactory>
{
    private readonly BluxFactory _factory;

    public IdentityTests(BluxFactory factory) => _factory = factory;

    [Fact]
    public async Task Created_identity_is_201_with_its_secret_once_and_the_secret_gets_a_token_of_its_roles()
    {
        using var admin = await _factory.AdminClientAsync();

        var response = await admin.PostAsJsonAsync("/v1/identities", new { id = "svc_ingest", kind = "service", display_name = "Ingest", roles = new[] { "service" } });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be("/v1/identities/svc_ingest");
        var body = await response.BodyAsync();
        body["id"]!.GetValue<string>().Should().Be("svc_ingest");
        body["kind"]!.GetValue<string>().Should().Be("service");
        body["status"]!.GetValue<string>().Should().Be("active");
        body["created_at"]!.GetValue<string>().Should().EndWith("Z");
        var secret = body["client_secret"]!.GetValue<string>();
        Blux.SharedKernel.Crypto.Base64Url.Decode(secret).Should().HaveCount(32, "secrets are 256-bit random values");

        var read = await (await admin.GetAsync("/v1/identities/svc_ingest")).BodyAsync();
        read.ToJsonString().Should().NotContain(secret).And.NotContain("secret");
        read["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("service");

        var token = await (await _factory.RequestTokenAsync("svc_ingest", secret)).BodyAsync();
        token["scope"]!.GetValue<string>().Split(' ').Should().BeEquivalentTo("tasks:write", "tasks:read", "audit:write");

        var record = await _factory.AuditRecordAsync(body["audit_id"]!.GetValue<string>());
        record["operation"]!.GetValue<string>().Should().Be("identity.create");
        record["identity"]!.GetValue<string>().Should().Be("user:admin");
        record.ToJsonString().Should().Contain("svc_ingest").And.NotContain(secret);
    }

    [Fact]
    public async Task Identity_without_an_id_gets_one_carrying_its_kind()
    {
        var (userId, _) = await _factory.CreateIdentityAsync("user", ["auditor"]);
        var (serviceId, _) = await _factory.CreateIdentityAsync("service", ["service"]);

        userId.Should().StartWith("user_");
        serviceId.Should().StartWith("svc_");
    }

    [Fact]
    public async Task List_shows_every_identity_and_get_of_an_unknown_one_is_404()
    {
        var (id, _) = await _factory.CreateIdentityAsync("user", ["approver"]);
        using var reader = await _factory.AdminClientAsync("identities:read");

        var list = await (await reader.GetAsync("/v1/identities")).BodyAsync();
        var ids = list["identities"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToArray();
        ids.Should().Contain(["admin", id]);
        ids.Should().BeInAscendingOrder(StringComparer.Ordinal);
        list.ToJsonString().Should().NotContain("secret");

        var missing = await reader.GetAsync("/v1/identities/nobody_here");
        var error = await missing.ShouldFailAsync(HttpStatusCode.NotFound, "NOT_FOUND", null, null);
        error["audit_id"].Should().BeNull();
    }

    [Theory]
    [InlineData("""{"display_name":"x","roles":["auditor"]}""", "kind", "missing_field")]
    [InlineData("""{"kind":"robot","display_name":"x","roles":["auditor"]}""", "kind", "unknown_value")]
    [InlineData("""{"kind":"Service","display_name":"x","roles":["service"]}""", "kind", "unknown_value")]
    [InlineData("""{"kind":"user ","display_name":"x","roles":["auditor"]}""", "kind", "unknown_value")]
    [InlineData("""{"kind":"1","display_name":"x","roles":["auditor"]}""", "kind", "unknown_value")]
    [InlineData("""{"kind":7,"display_name":"x","roles":["auditor"]}""", "kind", "wrong_type")]
    [InlineData("""{"kind":"user","roles":["auditor"]}""", "display_name", "missing_field")]
    [InlineData("""{"kind":"user","display_name":"x"}""", "roles", "missing_field")]
    [InlineData("""{"kind":"user","display_name":"x","roles":[]}""", "roles", "empty")]
    [InlineData("""{"kind":"user","display_name":"x","roles":[""]}""", "roles[0]", "missing_field")]
    [InlineData("""{"kind":"user","display_name":"x","roles":"auditor"}""", "roles", "wrong_type")]
    [InlineData("""{"kind":"user","display_name":"x","roles":["auditor","pilot"]}""", "roles", "unknown_role")]
    [InlineData("""{"id":"has space","kind":"user","display_name":"x","roles":["auditor"]}""", "id", "invalid_format")]
    [InlineData("""{"id":"system","kind":"service","display_name":"x","roles":["service"]}""", "id", "reserved_id")]
    [InlineData("""{"kind":"user","display_name":7,"roles":["auditor"]}""", "display_name", "wrong_type")]
    [InlineData("""{"kind":""", "body", "malformed_json")]
    public async Task Bad_identity_bodies_are_400_naming_the_field(string body, string field, string issue)
    {
        using var admin = await _factory.AdminClientAsync();
        var before = await (await admin.GetAsync("/v1/identities")).BodyAsync();

        var response = await admin.PostAsync("/v1/identities", Json.Content(body));

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", field, issue);
        var after = await (await admin.GetAsync("/v1/identities")).BodyAsync();
        after["identities"]!.AsArray().Count.Should().Be(before["identities"]!.AsArray().Count, "a refused request creates nothing");
    }

    [Fact]
    public async Task Unknown_role_lists_the_roles_the_doctrine_defines()
    {
        using var admin = await _factory.AdminClientAsync();

        var response = await admin.PostAsJsonAsync("/v1/identities", new { kind = "user", display_name = "x", roles = new[] { "pilot" } });

        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", "roles", "unknown_role");
        error["details"]!["known_roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Contain(["admin", "operator", "auditor", "approver", "service"]);
    }

    [Fact]
    public async Task An_id_that_exists_is_409()
    {
        await _factory.CreateIdentityAsync("user", ["auditor"], "user_carol");
        using var admin = await _factory.AdminClientAsync();

        var response = await admin.PostAsJsonAsync("/v1/identities", new { id = "user_carol", kind = "user", display_name = "Carol again", roles = new[] { "auditor" } });

        await response.ShouldFailAsync(HttpStatusCode.Conflict, "CONFLICT", "id", "already_exists");
    }

    [Fact]
    public async Task Identity_endpoints_need_their_scopes()
    {
        using var reader = await _factory.AdminClientAsync("identities:read");
        using var writer = await _factory.AdminClientAsync("identities:write");

        var create = await reader.PostAsJsonAsync("/v1/identities", new { kind = "user", display_name = "x", roles = new[] { "auditor" } });
        var list = await writer.GetAsync("/v1/identities");
        var validate = await writer.PostAsJsonAsync("/v1/identities/validate", new { token = "x" });

        (await create.ShouldFailAsync(HttpStatusCode.Forbidden, "FORBIDDEN", "scope", null))["details"]!["required_scope"]!.GetValue<string>().Should().Be("identities:write");
        (await list.ShouldFailAsync(HttpStatusCode.Forbidden, "FORBIDDEN", "scope", null))["details"]!["required_scope"]!.GetValue<string>().Should().Be("identities:read");
        await validate.ShouldFailAsync(HttpStatusCode.Forbidden, "FORBIDDEN", "scope", null);
    }

    [Fact]
    public async Task Disabling_an_identity_refuses_its_live_token_at_once_and_any_new_one()
    {
        var (id, secret) = await _factory.CreateIdentityAsync("user", ["auditor"]);
        var token = await _factory.TokenAsync(id, secret);
        using var holder = _factory.BearerClient(token);
        (await holder.GetAsync("/v1/audit/verify")).StatusCode.Should().Be(HttpStatusCode.OK, "the token works and is now remembered");
        using var admin = await _factory.AdminClientAsync();

        var disable = await admin.PostAsync($"/v1/identities/{id}/disable", null);

        disable.StatusCode.Should().Be(HttpStatusCode.OK);
        var disabled = await disable.BodyAsync();
        disabled["status"]!.GetValue<string>().Should().Be("disabled");
        disabled["previous_status"]!.GetValue<string>().Should().Be("active");
        var refused = await holder.GetAsync("/v1/audit/verify");
        var error = await refused.ShouldFailAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", null, "identity_disabled");
        (await _factory.AuditRecordAsync(error["audit_id"]!.GetValue<string>()))["operation"]!.GetValue<string>().Should().Be("auth.failed");
        await (await _factory.RequestTokenAsync(id, secret)).ShouldFailAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", "client_secret", "invalid_client");
        (await (await admin.GetAsync($"/v1/identities/{id}")).BodyAsync())["status"]!.GetValue<string>().Should().Be("disabled");
        var record = await _factory.AuditRecordAsync(disabled["audit_id"]!.GetValue<string>());
        record["operation"]!.GetValue<string>().Should().Be("identity.disable");
        record.ToJsonString().Should().Contain(id);
    }

    [Fact]
    public async Task An_identity_cannot_disable_itself_and_an_unknown_one_is_404()
    {
        using var admin = await _factory.AdminClientAsync();

        await (await admin.PostAsync("/v1/identities/admin/disable", null)).ShouldFailAsync(HttpStatusCode.Conflict, "CONFLICT", "id", "cannot_disable_self");
        await (await admin.PostAsync("/v1/identities/nobody_here/disable", null)).ShouldFailAsync(HttpStatusCode.NotFound, "NOT_FOUND", null, null);
        (await (await admin.GetAsync("/v1/identities/admin")).BodyAsync())["status"]!.GetValue<string>().Should().Be("active");
    }

    [Fact]
    public async Task A_new_secret_replaces_the_old_one_and_is_audited()
    {
        var (id, oldSecret) = await _factory.CreateIdentityAsync("service", ["service"]);
        using var admin = await _factory.AdminClientAsync();

        var response = await admin.PostAsync($"/v1/identities/{id}/secret", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.BodyAsync();
        var newSecret = body["client_secret"]!.GetValue<string>();
        newSecret.Should().NotBe(oldSecret);
        await (await _factory.RequestTokenAsync(id, oldSecret)).ShouldFailAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED", "client_secret", "invalid_client");
        (await _factory.RequestTokenAsync(id, newSecret)).StatusCode.Should().Be(HttpStatusCode.OK);
        var record = await _factory.AuditRecordAsync(body["audit_id"]!.GetValue<string>());
        record["operation"]!.GetValue<string>().Should().Be("identity.secret");
        record.ToJsonString().Should().NotContain(newSecret);
        await (await admin.PostAsync("/v1/identities/nobody_here/secret", null)).ShouldFailAsync(HttpStatusCode.NotFound, "NOT_FOUND", null, null);
    }

    [Fact]
    public async Task A_request_signing_key_is_registered_under_its_own_kid_and_found_by_the_contract()
    {
        var (id, _) = await _factory.CreateIdentityAsync("service", ["service"]);
        var (_, jwk) = RegApi.NewRequestKey("ingest-2026");
        using var admin = await _factory.AdminClientAsync();

        var response = await admin.PostAsJsonAsync($"/v1/identities/{id}/keys", new { jwk });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await response.BodyAsync();
        body["kid"]!.GetValue<string>().Should().Be("ingest-2026");
        (await _factory.AuditRecordAsync(body["audit_id"]!.GetValue<string>()))["operation"]!.GetValue<string>().Should().Be("identity.key_add");
        var read = await (await admin.GetAsync($"/v1/identities/{id}")).BodyAsync();
        var key = read["keys"]!.AsArray().Single()!;
        key["kid"]!.GetValue<string>().Should().Be("ingest-2026");
        key["jwk"]!["x"]!.GetValue<string>().Should().Be(jwk["x"]!.GetValue<string>());

        await using var scope = _factory.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var found = await sender.Send(new GetRequestSigningKey(id, "ingest-2026"));
        found!.X.Should().Be(jwk["x"]!.GetValue<string>());
        found.Y.Should().Be(jwk["y"]!.GetValue<string>());
        (await sender.Send(new GetRequestSigningKey(id, "other"))).Should().BeNull();
        (await sender.Send(new GetRequestSigningKey("nobody_here", "ingest-2026"))).Should().BeNull();

        var again = await admin.PostAsJsonAsync($"/v1/identities/{id}/keys", new { jwk });
        await again.ShouldFailAsync(HttpStatusCode.Conflict, "CONFLICT", "jwk.kid", "kid_exists");
    }

    [Fact]
    public async Task A_key_without_a_kid_is_named_by_its_rfc7638_thumbprint()
    {
        var (id, _) = await _factory.CreateIdentityAsync("service", ["service"]);
        var (_, jwk) = RegApi.NewRequestKey();
        using var admin = await _factory.AdminClientAsync();

        var response = await admin.PostAsJsonAsync($"/v1/identities/{id}/keys", new { jwk });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var expected = Base64UrlEncoder.Encode(new JsonWebKey(jwk.ToJsonString()).ComputeJwkThumbprint());
        (await response.BodyAsync())["kid"]!.GetValue<string>().Should().Be(expected);
    }

    [Fact]
    public async Task A_disabled_identitys_key_is_not_given_out_and_it_cannot_register_more()
    {
        var (id, _) = await _factory.CreateIdentityAsync("service", ["service"]);
        using var admin = await _factory.AdminClientAsync();
        (await admin.PostAsJsonAsync($"/v1/identities/{id}/keys", new { jwk = RegApi.NewRequestKey("k1").Jwk })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await admin.PostAsync($"/v1/identities/{id}/disable", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await admin.PostAsJsonAsync($"/v1/identities/{id}/keys", new { jwk = RegApi.NewRequestKey("k2").Jwk });

        await response.ShouldFailAsync(HttpStatusCode.Conflict, "CONFLICT", "id", "identity_disabled");
        await using var scope = _factory.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetRequestSigningKey(id, "k1"))).Should().BeNull();
    }

    public static TheoryData<string, string, string> MalformedJwks()
    {
        var (_, good) = RegApi.NewRequestKey();
        string With(Action<JsonObject> change)
        {
            var jwk = (JsonObject)good.DeepClone();
            change(jwk);
            return new JsonObject { ["jwk"] = jwk }.ToJsonString();
        }

        var x = Blux.SharedKernel.Crypto.Base64Url.Decode(good["x"]!.GetValue<string>());
        var offCurveY = Blux.SharedKernel.Crypto.Base64Url.Decode(good["y"]!.GetValue<string>());
        offCurveY[^1] ^= 0x01;
        return new TheoryData<string, string, string>
        {
            { "{}", "jwk", "missing_field" },
            { """{"jwk":"EC"}""", "jwk", "wrong_type" },
            { With(j => j["kty"] = "RSA"), "jwk.kty", "unsupported_key_type" },
            { With(j => j.Remove("kty")), "jwk.kty", "missing_field" },
            { With(j => j["crv"] = "P-256"), "jwk.crv", "unsupported_curve" },
            { With(j => j["alg"] = "HS512"), "jwk.alg", "unsupported_algorithm" },
            { With(j => j["use"] = "enc"), "jwk.use", "unsupported_use" },
            { With(j => j["d"] = "AAAA"), "jwk.d", "private_key_material" },
            { With(j => j.Remove("x")), "jwk.x", "missing_field" },
            { With(j => j["x"] = 12), "jwk.x", "wrong_type" },
            { With(j => j["x"] = "not base64url!"), "jwk.x", "invalid_coordinate" },
            { With(j => j["x"] = Blux.SharedKernel.Crypto.Base64Url.Encode(x.AsSpan(1))), "jwk.x", "invalid_coordinate" },
            { With(j => j["y"] = Blux.SharedKernel.Crypto.Base64Url.Encode(offCurveY)), "jwk", "point_not_on_curve" },
            { With(j => j["kid"] = "has space"), "jwk.kid", "invalid_format" },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedJwks))]
    public async Task Malformed_jwks_are_400_naming_the_member(string body, string field, string issue)
    {
        var (id, _) = await _factory.CreateIdentityAsync("service", ["service"]);
        using var admin = await _factory.AdminClientAsync();

        var response = await admin.PostAsync($"/v1/identities/{id}/keys", Json.Content(body));

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", field, issue);
        (await (await admin.GetAsync($"/v1/identities/{id}")).BodyAsync())["keys"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_key_for_an_unknown_identity_is_404()
    {
        using var admin = await _factory.AdminClientAsync();

        var response = await admin.PostAsJsonAsync("/v1/identities/nobody_here/keys", new { jwk = RegApi.NewRequestKey().Jwk });

        var error = await response.ShouldFailAsync(HttpStatusCode.NotFound, "NOT_FOUND", null, null);
        error["details"]!["id"]!.GetValue<string>().Should().Be("nobody_here");
    }

    [Fact]
    public async Task Validate_answers_identity_scopes_and_expiry_and_says_what_is_missing()
    {
        var (id, secret) = await _factory.CreateIdentityAsync("service", ["service"]);
        var token = await _factory.TokenAsync(id, secret, "tasks:read");
        using var reader = await _factory.AdminClientAsync("identities:read");

        var ok = await (await reader.PostAsJsonAsync("/v1/identities/validate", new { token, required_scope = new[] { "tasks:read" } })).BodyAsync();
        var lacking = await (await reader.PostAsJsonAsync("/v1/identities/validate", new { token, required_scope = new[] { "tasks:write" } })).BodyAsync();
        var garbage = await (await reader.PostAsJsonAsync("/v1/identities/validate", new { token = "abc.def" })).BodyAsync();

        ok["valid"]!.GetValue<bool>().Should().BeTrue();
        ok["identity"]!["id"]!.GetValue<string>().Should().Be(id);
        ok["identity"]!["kind"]!.GetValue<string>().Should().Be("service");
        ok["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal("tasks:read");
        DateTimeOffset.Parse(ok["expires_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).Should().BeAfter(DateTimeOffset.UtcNow);
        ok["reason"].Should().BeNull();
        lacking["valid"]!.GetValue<bool>().Should().BeFalse();
        lacking["reason"]!.GetValue<string>().Should().Be("missing_scope");
        lacking["identity"]!["id"]!.GetValue<string>().Should().Be(id);
        garbage["valid"]!.GetValue<bool>().Should().BeFalse();
        garbage["reason"]!.GetValue<string>().Should().Be("malformed_token");
        garbage["identity"].Should().BeNull();
    }

    [Theory]
    [InlineData("{}", "token", "missing_field")]
    [InlineData("""{"token":""}""", "token", "missing_field")]
    [InlineData("""{"token":"x","required_scope":"tasks:read"}""", "required_scope", "wrong_type")]
    public async Task Bad_validate_bodies_are_400_naming_the_field(string body, string field, string issue)
    {
        using var reader = await _factory.AdminClientAsync("identities:read");

        var response = await reader.PostAsync("/v1/identities/validate", Json.Content(body));

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED", field, issue);
    }
}

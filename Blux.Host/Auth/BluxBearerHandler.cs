using System.Text.Encodings.Web;
using Blux.Modules.Reg.Contracts;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Blux.Host.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> by asking Reg over the bus; Reg remembers tokens it has
/// checked, so this costs a lookup after the first request of a token.
/// </summary>
internal sealed class BluxBearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    public const string FailureReasonKey = "blux.auth.failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            Context.Items[FailureReasonKey] = "malformed_authorization";
            return AuthenticateResult.Fail("malformed_authorization");
        }

        var sender = Context.RequestServices.GetRequiredService<ISender>();
        var validation = await sender.Send(new ValidateToken(header[7..].Trim()), Context.RequestAborted);
        if (!validation.Valid)
        {
            Context.Items[FailureReasonKey] = validation.Reason;
            return AuthenticateResult.Fail(validation.Reason ?? "invalid_token");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(validation.Caller!.ToPrincipal(SchemeName), SchemeName));
    }
}

using Blux.Modules.Reg.Security;
using Mediator;

namespace Blux.Modules.Reg.Features.ValidateIdentityToken;

/// <summary>
/// Checks a token exactly as a request's bearer token is checked, then the scopes the caller requires.
/// A token without a required scope is not valid (<c>missing_scope</c>), but its identity and scopes
/// are still shown, so the caller can tell what is missing.
/// </summary>
internal sealed class ValidateIdentityTokenHandler(TokenService tokens) : IRequestHandler<ValidateIdentityTokenQuery, TokenCheck>
{
    public ValueTask<TokenCheck> Handle(ValidateIdentityTokenQuery query, CancellationToken cancellationToken)
    {
        var result = tokens.Validate(query.Token!);
        if (!result.Valid)
        {
            return ValueTask.FromResult(new TokenCheck(false, null, [], null, result.Reason));
        }

        var caller = result.Caller!;
        var identity = new TokenIdentity(caller.IdentityId, caller.Kind, caller.Roles);
        var missing = (query.RequiredScope ?? []).Any(scope => !caller.HasScope(scope!));
        return ValueTask.FromResult(new TokenCheck(!missing, identity, caller.Scopes, result.ExpiresAt, missing ? "missing_scope" : null));
    }
}

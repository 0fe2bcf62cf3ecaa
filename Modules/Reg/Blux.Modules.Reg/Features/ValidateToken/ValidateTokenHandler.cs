using Blux.Modules.Reg.Contracts;
using Blux.Modules.Reg.Security;
using Mediator;

namespace Blux.Modules.Reg.Features.ValidateToken;

internal sealed class ValidateTokenHandler(TokenService tokens) : IRequestHandler<Contracts.ValidateToken, TokenValidation>
{
    public ValueTask<TokenValidation> Handle(Contracts.ValidateToken request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(tokens.Validate(request.Token));
}

using Blux.SharedKernel.Identity;
using Mediator;

namespace Blux.Modules.Reg.Features.ResetIdentitySecret;

internal sealed record ResetIdentitySecretCommand(Caller Caller, string Id) : IRequest<NewSecret>;

/// <summary>The identity's new client secret, shown this once; the old one stops working at once.</summary>
internal sealed record NewSecret(string Id, string ClientSecret, string AuditId);

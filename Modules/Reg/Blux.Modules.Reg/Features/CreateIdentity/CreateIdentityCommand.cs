using Blux.SharedKernel.Identity;
using Mediator;

namespace Blux.Modules.Reg.Features.CreateIdentity;

internal sealed record CreateIdentityCommand(Caller Caller, string? Id, string? Kind, string? DisplayName, IReadOnlyList<string?>? Roles)
    : IRequest<CreatedIdentity>;

/// <summary>The new identity, with its client secret: the only time the secret is shown.</summary>
internal sealed record CreatedIdentity(
    string Id,
    string Kind,
    string DisplayName,
    IReadOnlyList<string> Roles,
    string Status,
    DateTimeOffset CreatedAt,
    IReadOnlyList<GetIdentity.RequestKeyView> Keys,
    string ClientSecret,
    string AuditId);

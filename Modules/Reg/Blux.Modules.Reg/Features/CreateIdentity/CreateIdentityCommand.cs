using System.ComponentModel.DataAnnotations;
using Blux.SharedKernel.Identity;
using Mediator;

namespace Blux.Modules.Reg.Features.CreateIdentity;

internal sealed record CreateIdentityCommand(Caller Caller, string? Id, string? Kind, string? DisplayName, IReadOnlyList<string?>? Roles)
    : IRequest<CreatedIdentity>;

/// <summary>The new identity, with its client secret: the only time the secret is shown.</summary>
internal sealed record CreatedIdentity(
    string Id,
    [property: AllowedValues("user", "service")] string Kind,
    string DisplayName,
    IReadOnlyList<string> Roles,
    [property: AllowedValues("active", "disabled")] string Status,
    DateTimeOffset CreatedAt,
    IReadOnlyList<GetIdentity.RequestKeyView> Keys,
    [property: System.ComponentModel.Description("The client secret, shown this once; Blux keeps only its hash.")] string ClientSecret,
    string AuditId);

using System.ComponentModel.DataAnnotations;
using Blux.SharedKernel.Identity;
using Mediator;

namespace Blux.Modules.Reg.Features.DisableIdentity;

internal sealed record DisableIdentityCommand(Caller Caller, string Id) : IRequest<DisabledIdentity>;

internal sealed record DisabledIdentity(string Id, [property: AllowedValues("active", "disabled")] string Status, [property: AllowedValues("active", "disabled")] string PreviousStatus, string AuditId);

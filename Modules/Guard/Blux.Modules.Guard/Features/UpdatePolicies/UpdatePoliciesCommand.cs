using System.Text.Json.Nodes;
using Blux.SharedKernel.Identity;
using Mediator;

namespace Blux.Modules.Guard.Features.UpdatePolicies;

internal sealed record UpdatePoliciesCommand(Caller Caller, JsonObject Doctrine) : IRequest<JsonObject>;

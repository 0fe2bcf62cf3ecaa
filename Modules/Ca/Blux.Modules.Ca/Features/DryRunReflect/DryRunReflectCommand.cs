using Blux.SharedKernel.Identity;
using Mediator;

namespace Blux.Modules.Ca.Features.DryRunReflect;

internal sealed record DryRunReflectCommand(Caller Caller, ReflectRequestBody Body) : IRequest<Contracts.Reflection>;

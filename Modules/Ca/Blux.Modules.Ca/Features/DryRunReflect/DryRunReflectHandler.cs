using Blux.SharedKernel;
using Blux.SharedKernel.Events;
using Mediator;

namespace Blux.Modules.Ca.Features.DryRunReflect;

/// <summary>The note the caller's task request would get now, from the caller's own history; nothing is kept or run.</summary>
internal sealed class DryRunReflectHandler(ISender sender, TimeProvider clock) : IRequestHandler<DryRunReflectCommand, Contracts.Reflection>
{
    public async ValueTask<Contracts.Reflection> Handle(DryRunReflectCommand command, CancellationToken cancellationToken)
    {
        var body = command.Body;
        var context = new TaskContext(body.Context!.UserId ?? command.Caller.IdentityId, TaskContextValues.Environment(body.Context.Environment)!, body.Context.Sensitivity!);
        return await sender.Send(
            new Contracts.Reflect(
                body.TaskId ?? BluxId.New(BluxId.Task, clock),
                body.Type!,
                context,
                body.Payload,
                command.Caller.AuditName,
                body.DoctrineRequirements?.ReflectionDepth ?? Contracts.Reflect.Medium,
                DryRun: true),
            cancellationToken);
    }
}

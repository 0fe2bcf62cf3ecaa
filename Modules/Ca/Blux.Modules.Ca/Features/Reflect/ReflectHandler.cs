using Blux.Modules.Ca.Contracts;
using Blux.Modules.Ca.Domain;
using Blux.Modules.Ca.Reflection;
using Blux.Modules.Guard.Contracts;
using Blux.SharedKernel;
using Blux.SharedKernel.Json;
using Mediator;

namespace Blux.Modules.Ca.Features.Reflect;

internal sealed class ReflectHandler(ISender sender, ReflectionNoteWriter notes, CaMetrics metrics, TimeProvider clock) : IRequestHandler<Contracts.Reflect, Contracts.Reflection>
{
    public async ValueTask<Contracts.Reflection> Handle(Contracts.Reflect request, CancellationToken cancellationToken)
    {
        var history = await sender.Send(new GetIdentityHistory(request.Identity, ReflectionEngine.HistoryDepth(request.Depth)), cancellationToken);
        var note = ReflectionEngine.Analyze(BluxId.New("note", clock), request, history);
        if (request.DryRun)
        {
            return note;
        }

        await notes.SaveAsync(new ReflectionRecord(
            note.NoteId,
            note.TaskId,
            request.Identity,
            note.Risk,
            note.Recommendation,
            Json: BluxJson.Serialize(note),
            CreatedAt: clock.GetUtcNow()));
        metrics.Reflected(note.Risk, note.Recommendation);
        return note;
    }
}

using Blux.SharedKernel.Events;
using Mediator;

namespace Blux.Modules.Guard.Contracts;

/// <summary>Signs events (HMAC via Reg) and appends them to the event log; answers them as signed.</summary>
public sealed record AppendEvents(IReadOnlyList<BLUXEvent> Events) : IRequest<IReadOnlyList<BLUXEvent>>;

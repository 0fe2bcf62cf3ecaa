using System.Diagnostics;
using Mediator;

namespace Blux.SharedKernel.Pipeline;

/// <summary>
/// A span for each request on the bus, from the source of the module that owns the request
/// (<c>guard ValidateRequest</c>, <c>ca Reflect</c>, <c>guard AppendAudit</c>): one trace shows a
/// task's way through the modules without each handler starting its own.
/// </summary>
public sealed class TracingBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string Module = ModuleNames.Of(typeof(TMessage));
    private static readonly string SpanName = Module + " " + typeof(TMessage).Name;
    private static readonly ActivitySource Source = BluxActivitySources.For(Module);

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity(SpanName);
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception exception) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
    }
}

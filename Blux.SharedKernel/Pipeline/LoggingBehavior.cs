using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Blux.SharedKernel.Pipeline;

/// <summary>Logs each request on the bus with its module and duration; failures at warning level.</summary>
public sealed class LoggingBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string MessageName = typeof(TMessage).Name;
    private static readonly string Module = ModuleNames.Of(typeof(TMessage));
    private readonly ILogger<LoggingBehavior<TMessage, TResponse>> _logger;

    public LoggingBehavior(ILogger<LoggingBehavior<TMessage, TResponse>> logger) => _logger = logger;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                _logger.LogDebug("{Module} handled {Message} in {ElapsedMs:0.000} ms", Module, MessageName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return response;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _logger.LogWarning("{Module} failed {Message} after {ElapsedMs:0.000} ms: {Error}", Module, MessageName, Stopwatch.GetElapsedTime(started).TotalMilliseconds, exception.GetType().Name);
            throw;
        }
    }
}

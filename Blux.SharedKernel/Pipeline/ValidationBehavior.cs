using System.Text.Json;
using Blux.SharedKernel.Errors;
using FluentValidation;
using Mediator;

namespace Blux.SharedKernel.Pipeline;

/// <summary>Runs every FluentValidation validator of a message once, before its handler.</summary>
public sealed class ValidationBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private readonly IValidator<TMessage>[] _validators;

    public ValidationBehavior(IEnumerable<IValidator<TMessage>> validators) => _validators = validators.ToArray();

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (_validators.Length > 0)
        {
            var failures = new List<FluentValidation.Results.ValidationFailure>();
            foreach (var validator in _validators)
            {
                var result = await validator.ValidateAsync(message, cancellationToken);
                failures.AddRange(result.Errors);
            }

            if (failures.Count > 0)
            {
                throw ToException(failures);
            }
        }

        return await next(message, cancellationToken);
    }

    private static BluxException ToException(List<FluentValidation.Results.ValidationFailure> failures)
    {
        var first = failures[0];
        var extra = new Dictionary<string, object?>
        {
            ["errors"] = failures.Select(f => new Dictionary<string, object?>
            {
                ["field"] = FieldName(f.PropertyName),
                ["issue"] = Issue(f),
                ["message"] = f.ErrorMessage,
            }).ToArray(),
        };
        if (first.CustomState is IReadOnlyDictionary<string, object?> state)
        {
            foreach (var (key, value) in state)
            {
                extra[key] = value;
            }
        }

        return BluxException.Validation(FieldName(first.PropertyName), Issue(first), first.ErrorMessage, extra);
    }

    private static string Issue(FluentValidation.Results.ValidationFailure failure) =>
        string.IsNullOrEmpty(failure.ErrorCode) || failure.ErrorCode.EndsWith("Validator", StringComparison.Ordinal)
            ? JsonNamingPolicy.SnakeCaseLower.ConvertName(failure.ErrorCode?.Replace("Validator", string.Empty, StringComparison.Ordinal) ?? "invalid")
            : failure.ErrorCode;

    /// <summary>Field names as the client wrote them: <c>context.environment</c>, not <c>Context.Environment</c>.</summary>
    public static string FieldName(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(part =>
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            return bracket < 0
                ? JsonNamingPolicy.SnakeCaseLower.ConvertName(part)
                : JsonNamingPolicy.SnakeCaseLower.ConvertName(part[..bracket]) + part[bracket..];
        }));
}

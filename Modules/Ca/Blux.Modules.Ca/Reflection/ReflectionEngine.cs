using System.Globalization;
using System.Text.Json.Nodes;
using Blux.Modules.Ca.Contracts;
using Blux.Modules.Guard.Contracts;

namespace Blux.Modules.Ca.Reflection;

/// <summary>
/// Scores a request from what it is and from the identity's own history. A pure function: the same
/// request and the same history always give the same note, and every factor says why it moved the score.
/// </summary>
internal static class ReflectionEngine
{
    public const double ComplexityWeight = 0.20;
    public const double SensitivityWeight = 0.30;
    public const double EnvironmentWeight = 0.15;
    public const double FailureWeight = 0.20;
    public const double NoveltyWeight = 0.05;
    public const double RateWeight = 0.10;
    private static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);

    public static int HistoryDepth(string depth) => depth == Reflect.Deep ? 200 : 50;

    public static Contracts.Reflection Analyze(string noteId, Reflect request, IReadOnlyList<AuditHistoryItem> history)
    {
        var factors = new List<ReflectionFactor>();
        var related = new List<string>();

        var complexity = Complexity(request.Payload, out var complexityText);
        factors.Add(new ReflectionFactor("payload_complexity", complexity, ComplexityWeight, complexityText));

        var sensitivity = request.Context.Sensitivity switch { "critical" => 1.0, "high" => 0.7, "medium" => 0.3, _ => 0.0 };
        factors.Add(new ReflectionFactor("sensitivity", sensitivity, SensitivityWeight, $"Sensitivity is {request.Context.Sensitivity}."));

        var environment = request.Context.Environment switch { "production" => 0.6, "staging" => 0.3, _ => 0.0 };
        factors.Add(new ReflectionFactor("environment", environment, EnvironmentWeight, $"Environment is {request.Context.Environment}."));

        var failures = history.Where(h => h.Status is AuditStatuses.Failure or AuditStatuses.Denied).ToArray();
        var failureValue = Math.Min(1.0, failures.Length / 5.0);
        related.AddRange(failures.Select(f => f.AuditId));
        factors.Add(new ReflectionFactor("recent_failures", failureValue, FailureWeight,
            $"{failures.Length} failed or denied operations among the identity's last {history.Count} audit records."));

        var seenType = history.Any(h => h.TaskType == request.TaskType);
        factors.Add(new ReflectionFactor("novelty", seenType ? 0.0 : 1.0, NoveltyWeight,
            seenType ? $"The identity has run {request.TaskType} tasks before." : $"First {request.TaskType} task seen for this identity."));

        var rate = RateAnomaly(history, out var burst, out var rateText);
        if (rate > 0)
        {
            related.AddRange(burst.Select(b => b.AuditId));
        }

        factors.Add(new ReflectionFactor("rate_anomaly", rate, RateWeight, rateText));

        var score = Math.Round(factors.Sum(f => f.Value * f.Weight), 4);
        var risk = score switch { < 0.25 => "low", < 0.5 => "medium", < 0.75 => "high", _ => "critical" };
        var recommendation = risk switch
        {
            "low" => Contracts.Reflection.Proceed,
            "medium" => Contracts.Reflection.Sandbox,
            "high" => Contracts.Reflection.RequireApproval,
            _ => Contracts.Reflection.Deny,
        };
        var depth = HistoryDepth(request.Depth);
        var confidence = Math.Round(0.5 + (0.5 * Math.Min(1.0, history.Count / (double)depth)), 3);
        var leading = factors.Where(f => f.Value > 0).OrderByDescending(f => f.Value * f.Weight).ThenBy(f => f.Name, StringComparer.Ordinal).Take(2)
            .Select(f => f.Explanation.TrimEnd('.')).ToArray();
        var drivers = leading.Length > 0 ? " Driven by: " + string.Join("; ", leading) + "." : string.Empty;
        var insight = string.Create(CultureInfo.InvariantCulture, $"Risk {risk} ({score:0.00}); recommendation {recommendation}.{drivers}");

        return new Contracts.Reflection(
            noteId,
            request.TaskId,
            insight,
            confidence,
            related.Distinct(StringComparer.Ordinal).ToArray(),
            risk,
            score,
            recommendation,
            factors,
            request.Depth);
    }

    private static double Complexity(JsonObject? payload, out string explanation)
    {
        if (payload is null)
        {
            explanation = "No payload.";
            return 0;
        }

        var size = System.Text.Encoding.UTF8.GetByteCount(payload.ToJsonString());
        var depth = Depth(payload);
        var references = payload["data_references"] is JsonArray refs ? refs.Count : 0;
        var scriptLength = payload["source"] is JsonValue source && source.TryGetValue<string>(out var text) ? text.Length : 0;
        var value = Math.Min(1.0, (size / 65_536.0) + (Math.Max(0, depth - 3) * 0.1) + (references * 0.1) + (scriptLength / 10_000.0));
        explanation = string.Create(CultureInfo.InvariantCulture, $"Payload of {size} bytes, depth {depth}, {references} data references, script of {scriptLength} characters.");
        return Math.Round(value, 4);
    }

    private static int Depth(JsonNode? node) => node switch
    {
        JsonObject obj => 1 + (obj.Count == 0 ? 0 : obj.Max(p => Depth(p.Value))),
        JsonArray array => 1 + (array.Count == 0 ? 0 : array.Max(Depth)),
        _ => 0,
    };

    /// <summary>Activity in the minute before the newest record, against the identity's own per-minute baseline.</summary>
    private static double RateAnomaly(IReadOnlyList<AuditHistoryItem> history, out IReadOnlyList<AuditHistoryItem> burst, out string explanation)
    {
        burst = [];
        if (history.Count < 10)
        {
            explanation = "Too little history for a rate baseline.";
            return 0;
        }

        var newest = history.Max(h => h.Timestamp);
        var oldest = history.Min(h => h.Timestamp);
        var minutes = Math.Max(1.0, (newest - oldest).TotalMinutes);
        var baseline = history.Count / minutes;
        burst = history.Where(h => newest - h.Timestamp <= RateWindow).ToArray();
        var ratio = burst.Count / Math.Max(1.0, baseline);
        var value = Math.Round(Math.Clamp((ratio - 3.0) / 7.0, 0, 1), 4);
        explanation = string.Create(CultureInfo.InvariantCulture, $"{burst.Count} operations in the last minute against a baseline of {baseline:0.0} per minute.");
        return value;
    }
}

using System.Globalization;
using Blux.SharedKernel.Modules;
using Microsoft.Extensions.Configuration;

namespace Blux.Modules.Lite.Routes;

/// <summary>
/// Reads <c>Blux:Lite:Webhooks</c>. A value that would not work as written (a negative count, a
/// timeout of no time or of days, a target that is not an absolute http or https URL, a misspelt key)
/// stops the start with one line naming the setting: a webhook configuration that cannot deliver must
/// not start and then fail every task.
/// </summary>
internal static class WebhookSettings
{
    private const int MaxRetries = 10;
    private const int MaxRetryDelayMs = 60_000;
    private const double MinAttemptTimeoutSeconds = 0.1;
    private const double MaxAttemptTimeoutSeconds = 3_600;
    private const int MaxResponseBytesLimit = 16 * 1024 * 1024;
    private const long MaxAnswerBudgetBytes = 4L * 1024 * 1024 * 1024;
    private const double MaxAnswerBudgetWaitSeconds = 3_600;
    private const int MaxRedirectsLimit = 10;

    private static readonly string[] Keys =
        ["Targets", "Retries", "RetryDelayMs", "AttemptTimeoutSeconds", "MaxResponseBytes", "AnswerBudgetBytes", "AnswerBudgetWaitSeconds", "MaxRedirects"];

    private static readonly string[] TargetKeys = ["Url", "FollowRedirects"];

    public static WebhookOptions Read(IConfigurationSection section)
    {
        var defaults = new WebhookOptions();
        RefuseUnknownKeys(section, Keys);
        var maxResponseBytes = Whole(section, "MaxResponseBytes", defaults.MaxResponseBytes, 1, MaxResponseBytesLimit);
        var budget = Whole(section, "AnswerBudgetBytes", defaults.AnswerBudgetBytes, 1, MaxAnswerBudgetBytes);
        if (budget < maxResponseBytes)
        {
            throw Invalid(section.GetSection("AnswerBudgetBytes").Path, budget.ToString(CultureInfo.InvariantCulture),
                $"it must be at least MaxResponseBytes ({maxResponseBytes}), or no answer could ever be read");
        }

        return new WebhookOptions
        {
            Targets = ReadTargets(section.GetSection("Targets")),
            Retries = (int)Whole(section, "Retries", defaults.Retries, 0, MaxRetries),
            RetryDelay = TimeSpan.FromMilliseconds(Whole(section, "RetryDelayMs", (long)defaults.RetryDelay.TotalMilliseconds, 0, MaxRetryDelayMs)),
            AttemptTimeout = TimeSpan.FromSeconds(Seconds(section, "AttemptTimeoutSeconds", defaults.AttemptTimeout.TotalSeconds, MinAttemptTimeoutSeconds, MaxAttemptTimeoutSeconds)),
            MaxResponseBytes = (int)maxResponseBytes,
            AnswerBudgetBytes = budget,
            AnswerBudgetWait = TimeSpan.FromSeconds(Seconds(section, "AnswerBudgetWaitSeconds", defaults.AnswerBudgetWait.TotalSeconds, 0, MaxAnswerBudgetWaitSeconds)),
            MaxRedirects = (int)Whole(section, "MaxRedirects", defaults.MaxRedirects, 1, MaxRedirectsLimit),
        };
    }

    /// <summary>Targets by name: <c>"name": {"Url": "https://…", "FollowRedirects": false}</c> or <c>"name": "https://…"</c>.</summary>
    private static Dictionary<string, WebhookTarget> ReadTargets(IConfigurationSection section)
    {
        var targets = new Dictionary<string, WebhookTarget>(StringComparer.Ordinal);
        foreach (var entry in section.GetChildren())
        {
            RefuseUnknownKeys(entry, TargetKeys);
            var url = entry["Url"] ?? entry.Value;
            var urlPath = entry["Url"] is null ? entry.Path : entry.GetSection("Url").Path;

            // The URL is not repeated in the message: it may carry a secret in its path or query.
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidSettingException($"{urlPath} needs an absolute http or https URL.");
            }

            if (uri.UserInfo.Length > 0)
            {
                throw new InvalidSettingException($"{urlPath} holds a user name or password; Blux does not send credentials written in a URL.");
            }

            var followRedirects = entry.GetSection("FollowRedirects");
            var follow = false;
            if (followRedirects.Value is { } text && !bool.TryParse(text, out follow))
            {
                throw Invalid(followRedirects.Path, text, "it must be true or false");
            }

            targets[entry.Key] = new WebhookTarget(entry.Key, uri, follow);
        }

        return targets;
    }

    private static void RefuseUnknownKeys(IConfigurationSection section, string[] known)
    {
        foreach (var child in section.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidSettingException($"{child.Path} is not a setting Blux knows; {section.Path} takes {string.Join(", ", known)}.");
            }
        }
    }

    private static long Whole(IConfigurationSection section, string key, long fallback, long min, long max)
    {
        var setting = section.GetSection(key);
        if (setting.Value is not { } text)
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Invalid(setting.Path, text, $"it must be a whole number from {min} to {max}");
    }

    private static double Seconds(IConfigurationSection section, string key, double fallback, double min, double max)
    {
        var setting = section.GetSection(key);
        if (setting.Value is not { } text)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= min && value <= max
            ? value
            : throw Invalid(setting.Path, text, $"it must be a number of seconds from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
    }

    private static InvalidSettingException Invalid(string path, string value, string rule) =>
        new($"{path} is '{Shorten(value)}': {rule}.");

    /// <summary>The value as it can be shown on one line: at most 40 characters, control characters as <c>?</c>.</summary>
    private static string Shorten(string value)
    {
        var shown = string.Concat(value.Take(40).Select(c => char.IsControl(c) ? '?' : c));
        return value.Length <= 40 ? shown : shown + "…";
    }
}

using System.Text;
using Blux.SharedKernel.Crypto;

namespace Blux.Modules.Lite.Features.ListTasks;

/// <summary>Where the next page starts: after this (created_at, task_id), newest first. Opaque to clients.</summary>
internal sealed record TaskPageToken(DateTimeOffset CreatedAt, string TaskId)
{
    public string Encode() => Base64Url.Encode(Encoding.UTF8.GetBytes($"{CreatedAt.UtcTicks}:{TaskId}"));

    public static bool TryDecode(string? token, out TaskPageToken? value)
    {
        value = null;
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.Decode(token));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !long.TryParse(text[..colon], out var ticks) || ticks < 0 || ticks > DateTimeOffset.MaxValue.UtcTicks || colon == text.Length - 1)
            {
                return false;
            }

            value = new TaskPageToken(new DateTimeOffset(ticks, TimeSpan.Zero), text[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

using System.Text;

namespace Blux.Modules.Lite.Routes;

/// <summary>
/// Text a script hands back is UTF-16 that JavaScript lets hold lone surrogates, which no JSON writer,
/// UTF-8 store or hash here can carry faithfully. Data (the output) with one is refused; messages and
/// console lines are repaired, since they are only read by people.
/// </summary>
internal static class ScriptText
{
    /// <summary>The index of the first surrogate that is not half of a pair, or -1.</summary>
    public static int IndexOfLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>At most <paramref name="maxLength"/> characters, never cut inside a pair, lone surrogates as U+FFFD.</summary>
    public static string Readable(string text, int maxLength)
    {
        var length = Math.Min(text.Length, maxLength);
        if (length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]) && char.IsLowSurrogate(text[length]))
        {
            length--;
        }

        var kept = length == text.Length ? text : text[..length];
        if (IndexOfLoneSurrogate(kept) < 0)
        {
            return kept;
        }

        var repaired = new StringBuilder(kept.Length);
        for (var i = 0; i < kept.Length; i++)
        {
            var c = kept[i];
            if (char.IsHighSurrogate(c) && i + 1 < kept.Length && char.IsLowSurrogate(kept[i + 1]))
            {
                repaired.Append(c).Append(kept[++i]);
            }
            else
            {
                repaired.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return repaired.ToString();
    }
}

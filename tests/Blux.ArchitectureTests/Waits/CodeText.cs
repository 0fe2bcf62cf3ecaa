namespace Blux.ArchitectureTests.Waits;

/// <summary>
/// C# source with its comments and the contents of its string and character literals blanked out
/// (line breaks kept, so positions and line numbers stay those of the file): what is left is code, and
/// a <c>while</c> or a <c>Task.Delay</c> inside a literal (a script a test sends) is not mistaken for one.
/// </summary>
internal static class CodeText
{
    public static string Of(string source)
    {
        var text = source.ToCharArray();
        var at = 0;
        Code(text, ref at, insideHole: false);
        return new string(text);
    }

    /// <summary>Code up to the end, or inside an interpolation hole up to its closing brace.</summary>
    private static void Code(char[] text, ref int at, bool insideHole)
    {
        var depth = 0;
        while (at < text.Length)
        {
            var current = text[at];
            if (current == '/' && Next(text, at) == '/')
            {
                while (at < text.Length && text[at] != '\n')
                {
                    text[at++] = ' ';
                }
            }
            else if (current == '/' && Next(text, at) == '*')
            {
                while (at < text.Length && !(text[at] == '*' && Next(text, at) == '/'))
                {
                    Blank(text, at++);
                }

                Blank(text, at++);
                Blank(text, at++);
            }
            else if (current == '\'')
            {
                CharLiteral(text, ref at);
            }
            else if (current == '"')
            {
                StringLiteral(text, ref at);
            }
            else
            {
                if (insideHole && current == '{')
                {
                    depth++;
                }
                else if (insideHole && current == '}' && depth-- == 0)
                {
                    return;
                }

                at++;
            }
        }
    }

    private static void CharLiteral(char[] text, ref int at)
    {
        at++;
        while (at < text.Length && text[at] != '\'' && text[at] != '\n')
        {
            if (text[at] == '\\')
            {
                Blank(text, at++);
            }

            Blank(text, at++);
        }

        at++;
    }

    /// <summary>A string literal starting at its first quote: regular, verbatim, interpolated or raw.</summary>
    private static void StringLiteral(char[] text, ref int at)
    {
        var prefix = at - 1;
        var verbatim = false;
        var interpolated = false;
        while (prefix >= 0 && text[prefix] is '$' or '@')
        {
            verbatim |= text[prefix] == '@';
            interpolated |= text[prefix] == '$';
            prefix--;
        }

        var quotes = 0;
        while (at + quotes < text.Length && text[at + quotes] == '"')
        {
            quotes++;
        }

        if (!verbatim && quotes >= 3)
        {
            // A raw string ends at the same number of quotes it started with; its holes are blanked too.
            at += quotes;
            while (at < text.Length && !Run(text, at, '"', quotes))
            {
                Blank(text, at++);
            }

            at += quotes;
            return;
        }

        if (!verbatim && quotes == 2)
        {
            at += 2;
            return;
        }

        at++;
        while (at < text.Length)
        {
            var current = text[at];
            if (current == '"' && verbatim && Next(text, at) == '"')
            {
                Blank(text, at++);
                Blank(text, at++);
            }
            else if (current == '"' || (current == '\n' && !verbatim))
            {
                at++;
                return;
            }
            else if (current == '\\' && !verbatim)
            {
                Blank(text, at++);
                Blank(text, at++);
            }
            else if (interpolated && current == '{' && Next(text, at) == '{')
            {
                Blank(text, at++);
                Blank(text, at++);
            }
            else if (interpolated && current == '{')
            {
                // A hole is code, and may hold strings of its own.
                at++;
                Code(text, ref at, insideHole: true);
                at++;
            }
            else
            {
                Blank(text, at++);
            }
        }
    }

    private static char Next(char[] text, int at) => at + 1 < text.Length ? text[at + 1] : '\0';

    private static bool Run(char[] text, int at, char character, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (at + i >= text.Length || text[at + i] != character)
            {
                return false;
            }
        }

        return true;
    }

    private static void Blank(char[] text, int at)
    {
        if (at < text.Length && text[at] != '\n')
        {
            text[at] = ' ';
        }
    }
}

using System.Text;

namespace Migration.Analysis.C;

/// <summary>
/// Splits the "command" string of a compile_commands.json entry into words the way a POSIX shell would for a
/// command without expansions: blanks separate, single quotes keep everything, double quotes keep all but
/// backslash-escaped <c>"</c>, <c>\</c>, <c>$</c> and <c>`</c>, and a backslash outside quotes keeps the next character
/// (kbuild writes <c>-DKBUILD_BASENAME='"ispccdc"'</c>).
/// </summary>
public static class CommandLineWords
{
    /// <summary>The words of <paramref name="command"/>, or null with <paramref name="error"/> when a quote is not closed.</summary>
    public static IReadOnlyList<string>? Split(string command, out string? error)
    {
        ArgumentNullException.ThrowIfNull(command);
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        for (int i = 0; i < command.Length; i++)
        {
            char c = command[i];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                if (inWord)
                    words.Add(word.ToString());
                word.Clear();
                inWord = false;
                continue;
            }
            inWord = true;
            if (c == '\\')
            {
                if (i + 1 < command.Length)
                    word.Append(command[++i]);
                continue;
            }
            if (c is '\'' or '"')
            {
                int close = c == '\'' ? command.IndexOf('\'', i + 1) : ClosingDoubleQuote(command, i + 1);
                if (close < 0)
                {
                    error = $"unterminated {(c == '\'' ? "single" : "double")} quote at character {i + 1} of the command";
                    return null;
                }
                string quoted = command[(i + 1)..close];
                word.Append(c == '\'' ? quoted : Unescape(quoted));
                i = close;
                continue;
            }
            word.Append(c);
        }
        if (inWord)
            words.Add(word.ToString());
        error = null;
        return words;
    }

    private static int ClosingDoubleQuote(string text, int from)
    {
        for (int i = from; i < text.Length; i++)
        {
            if (text[i] == '\\')
                i++;
            else if (text[i] == '"')
                return i;
        }
        return -1;
    }

    private static string Unescape(string quoted)
    {
        var text = new StringBuilder(quoted.Length);
        for (int i = 0; i < quoted.Length; i++)
        {
            if (quoted[i] == '\\' && i + 1 < quoted.Length && quoted[i + 1] is '"' or '\\' or '$' or '`')
                i++;
            text.Append(quoted[i]);
        }
        return text.ToString();
    }
}

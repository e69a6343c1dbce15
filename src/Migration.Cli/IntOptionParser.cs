using System.CommandLine.Parsing;
using System.Globalization;

namespace Migration.Cli;

/// <summary>
/// Parses whole-number option values with an error that names the option, the value and the range; System.CommandLine's
/// own message names a .NET type instead ("System.Nullable`1[System.Int32]").
/// </summary>
public static class IntOptionParser
{
    /// <summary>The value of the option's single token, or an error added to <paramref name="result"/> (then 0).</summary>
    public static int Parse(ArgumentResult result) => ParseNullable(result) ?? 0;

    /// <summary>As <see cref="Parse"/>, for options whose absence means "the default" (null).</summary>
    public static int? ParseNullable(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Tokens.Count == 0)
            return null;
        string text = result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            return value;
        string name = result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
        result.AddError($"{name}: '{text}' is not a whole number from {int.MinValue} to {int.MaxValue}");
        return null;
    }
}

using System.Text.RegularExpressions;

namespace Migration.Layering.Tests;

/// <summary>
/// The house style of test method names (README.md, Contributing): Subject_Outcome or Subject_Condition_Outcome, each part
/// PascalCase (an upper-case letter or a digit, then letters and digits), parts joined by single underscores.
/// </summary>
public static partial class TestNamingRule
{
    /// <summary>True when <paramref name="name"/> follows the house style.</summary>
    public static bool Follows(string name) => Pattern().IsMatch(name);

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*(_[A-Z0-9][A-Za-z0-9]*)+$")]
    private static partial Regex Pattern();
}

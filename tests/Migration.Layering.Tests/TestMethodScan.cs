using System.Text.RegularExpressions;

namespace Migration.Layering.Tests;

/// <summary>
/// Finds the xUnit test methods (those carrying [Fact] or [Theory]) in C# source by reading it as text, the way the
/// layering check reads project files: no compilation, so it sees every test project whatever it references.
/// </summary>
public static partial class TestMethodScan
{
    /// <summary>One test method: the file it is in (relative to the scanned root, '/'-separated), its line and its name.</summary>
    public sealed record TestMethod(string File, int Line, string Name);

    /// <summary>Every test method in the .cs files under <paramref name="root"/>, skipping bin/ and obj/ folders.</summary>
    public static IReadOnlyList<TestMethod> FindAll(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .SelectMany(path => InSource(Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText(path)))
            .ToList();

    /// <summary>The test methods of one source text, attributed to <paramref name="file"/>.</summary>
    public static IEnumerable<TestMethod> InSource(string file, string source)
    {
        string[] lines = source.Split('\n');
        bool pending = false;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            string rest = line;
            if (line.TrimStart().StartsWith('[') && TestAttribute().IsMatch(line))
            {
                pending = true;
                rest = line[(line.LastIndexOf(']') + 1)..]; // "[Fact] public void X()" on one line
            }
            if (!pending)
                continue;
            // Lines between the attribute and the method (more attributes, InlineData spread over lines, comments)
            // are skipped: xUnit only runs public methods, so the declaration is the next line starting with public.
            Match method = Declaration().Match(rest);
            if (method.Success)
            {
                pending = false;
                yield return new TestMethod(file, i + 1, method.Groups["name"].Value);
            }
        }
    }

    // [Fact], [Theory], [Fact(Skip = "...")], [Trait("a", "b"), Fact]: Fact or Theory as an attribute name in the list.
    [GeneratedRegex(@"[\[,]\s*(?:Xunit\.)?(?:Fact|Theory)(?:Attribute)?\s*[\](,]")]
    private static partial Regex TestAttribute();

    // "public [static] [async] ReturnType Name[<T>](": the name is the first identifier followed by its parameter list.
    [GeneratedRegex(@"^\s*public\b[^=(]*?\b(?<name>\w+)\s*(?:<[^>]*>)?\s*\(")]
    private static partial Regex Declaration();
}

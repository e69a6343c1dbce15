using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Migration.Analyzers.Tests;

/// <summary>
/// Issue 19: no method, local function, accessor, constructor or operator body under analyzers/ is longer than
/// <see cref="MaxLines"/> lines, so a planner reads as small steps named after what they do.
/// </summary>
public class MethodLengthTests
{
    /// <summary>The longest body allowed, in lines from its opening brace (or arrow) to its end.</summary>
    public const int MaxLines = 80;

    [Fact]
    public void NoBodyUnderAnalyzers_IsLongerThan80Lines()
    {
        IReadOnlyList<string> files = ProductSources.SourceFiles("analyzers");
        Assert.NotEmpty(files);
        string[] tooLong = files.SelectMany(LongBodies).ToArray();
        Assert.True(tooLong.Length == 0, "bodies over " + MaxLines + " lines:\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void ALongMethod_IsNamedWithItsFileAndLine()
    {
        string body = string.Join("\n", Enumerable.Repeat("        x++;", MaxLines - 1));
        string source = "class C\n{\n    void Short() { }\n\n    void Long(int x)\n    {\n" + body + "\n    }\n}\n";
        Assert.Equal(["Long.cs:5 Long (81 lines)"], LongBodies(CSharpSyntaxTree.ParseText(source, path: "Long.cs")).ToArray());
    }

    private static IEnumerable<string> LongBodies(string path) =>
        LongBodies(CSharpSyntaxTree.ParseText(File.ReadAllText(path), path: Path.GetRelativePath(ProductSources.Root, path)));

    // "file:line name (n lines)" for every body over the limit; the line is the declaration's first line (1-based).
    private static IEnumerable<string> LongBodies(SyntaxTree tree)
    {
        foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
        {
            SyntaxNode? body = node switch
            {
                BaseMethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
                LocalFunctionStatementSyntax f => (SyntaxNode?)f.Body ?? f.ExpressionBody,
                AccessorDeclarationSyntax a => (SyntaxNode?)a.Body ?? a.ExpressionBody,
                PropertyDeclarationSyntax { ExpressionBody: { } e } => e,
                _ => null,
            };
            if (body is null)
                continue;
            FileLinePositionSpan span = body.GetLocation().GetLineSpan();
            int lines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
            if (lines > MaxLines)
                yield return $"{tree.FilePath}:{node.GetLocation().GetLineSpan().StartLinePosition.Line + 1} {Name(node)} ({lines} lines)";
        }
    }

    private static string Name(SyntaxNode node) => node switch
    {
        MethodDeclarationSyntax m => m.Identifier.ValueText,
        ConstructorDeclarationSyntax c => c.Identifier.ValueText,
        LocalFunctionStatementSyntax f => f.Identifier.ValueText,
        AccessorDeclarationSyntax a => a.Keyword.ValueText,
        PropertyDeclarationSyntax p => p.Identifier.ValueText,
        _ => node.Kind().ToString(),
    };
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Migration.Analyzers.Analysis;

namespace Migration.Analyzers.Tests;

/// <summary>
/// Compiles a product project of the repository from its sources (as the SDK would: implicit usings, nullable on),
/// against the net10.0 reference assemblies and the product assemblies next to the tests, and runs the analyzers.
/// </summary>
public static class ProductSources
{
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    public static string Root { get; } = FindRoot();

    /// <summary>The product assemblies next to the tests whose names start with one of <paramref name="prefixes"/>.</summary>
    public static IEnumerable<MetadataReference> ProductReferences(string except, params string[] prefixes) =>
        Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(f => prefixes.Any(p => Path.GetFileName(f).StartsWith(p, StringComparison.Ordinal)))
            .Where(f => !Path.GetFileName(f).StartsWith("Migration.Analyzers", StringComparison.Ordinal))
            .Where(f => Path.GetFileNameWithoutExtension(f) != except)
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f));

    /// <summary>The .cs files of the project folder <paramref name="relativeDir"/> (bin/ and obj/ excluded).</summary>
    public static IReadOnlyList<string> SourceFiles(string relativeDir) =>
        Directory.GetFiles(Path.Combine(Root, relativeDir), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();

    /// <summary>The compilation of <paramref name="relativeDir"/> as assembly <paramref name="assemblyName"/>.</summary>
    public static CSharpCompilation Compile(string relativeDir, string assemblyName, IEnumerable<MetadataReference> references)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = SourceFiles(relativeDir)
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, Path.GetRelativePath(Root, f).Replace('\\', '/')))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, parse, relativeDir + "/obj/GlobalUsings.g.cs"))
            .ToList();
        return CSharpCompilation.Create(assemblyName, trees,
            Basic.Reference.Assemblies.Net100.References.All.Concat(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>Every analyzer of the analyzer assembly (what a project referencing the package runs).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers() => IommuAnalyzers.CreateAll();

    /// <summary>The analyzers' diagnostics on <paramref name="compilation"/>, and every analyzer exception seen.</summary>
    public static async Task<(ImmutableArray<Diagnostic> Diagnostics, List<Exception> Exceptions)> AnalyzeAsync(Compilation compilation, AnalyzerOptions? options = null)
    {
        var exceptions = new List<Exception>();
        var withAnalyzers = compilation.WithAnalyzers(AllAnalyzers(), new CompilationWithAnalyzersOptions(
            options ?? new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (e, _, _) => { lock (exceptions) exceptions.Add(e); },
            concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        ImmutableArray<Diagnostic> diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        return (diagnostics, exceptions);
    }

    /// <summary>The name of the member (method, property, constructor) a diagnostic lies in.</summary>
    public static string EnclosingMember(Diagnostic d)
    {
        SyntaxNode node = d.Location.SourceTree!.GetRoot().FindNode(d.Location.SourceSpan);
        return node.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().First() switch
        {
            MethodDeclarationSyntax m => m.Identifier.ValueText,
            PropertyDeclarationSyntax p => p.Identifier.ValueText,
            ConstructorDeclarationSyntax c => c.Identifier.ValueText,
            FieldDeclarationSyntax f => f.Declaration.Variables[0].Identifier.ValueText,
            BaseTypeDeclarationSyntax t => t.Identifier.ValueText,
            var other => other.Kind().ToString(),
        };
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Migration.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no Migration.sln above {AppContext.BaseDirectory}");
    }
}

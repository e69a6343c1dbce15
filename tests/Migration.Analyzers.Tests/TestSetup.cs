using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Migration.Analyzers.Tests;

/// <summary>
/// The Microsoft.CodeAnalysis.Testing set-up that works offline here (dotnet-stack.md): no reference-assembly
/// package download, the net10.0 references of Basic.Reference.Assemblies instead, and the model stubs as a
/// second source file.
/// </summary>
public static class TestSetup
{
    public static readonly ReferenceAssemblies Net100 = new("net10.0");

    public static CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> Analyzer<TAnalyzer>(string client, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { ReferenceAssemblies = Net100 };
        test.TestState.Sources.Add(("/0/Client.cs", client));
        test.TestState.Sources.Add((ModelStubs.FileName, ModelStubs.Source));
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }

    public static CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier> Fix<TAnalyzer, TFix>(string client, string fixedClient)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier> { ReferenceAssemblies = Net100 };
        test.TestState.Sources.Add(("/0/Client.cs", client));
        test.TestState.Sources.Add((ModelStubs.FileName, ModelStubs.Source));
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        test.FixedState.Sources.Add(("/0/Client.cs", fixedClient));
        test.FixedState.Sources.Add((ModelStubs.FileName, ModelStubs.Source));
        test.FixedState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        return test;
    }

    /// <summary>An .editorconfig for every source file.</summary>
    public static (string, string) EditorConfig(string body) => ("/.editorconfig", "root = true\n\n[*.cs]\n" + body + "\n");
}

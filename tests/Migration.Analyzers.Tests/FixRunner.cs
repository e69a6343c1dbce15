using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Migration.Analyzers.Analysis;
using Migration.Analyzers.CodeFixes;

namespace Migration.Analyzers.Tests;

/// <summary>
/// Applies every code fix the analyzers offer to a compilation's sources, one at a time and re-analysing after each
/// (as a user clicking through them would), until no diagnostic offers a fix; returns the fixed compilation.
/// </summary>
public static class FixRunner
{
    public static readonly ImmutableArray<CodeFixProvider> Providers = ImmutableArray.Create<CodeFixProvider>(
        new OrderToBytesCodeFixProvider(), new DomainAllocAttachCodeFixProvider(), new DmaAllocCoherentCodeFixProvider(), new PageLoopCodeFixProvider());

    public sealed record Result(int Applied, Compilation Fixed, ImmutableArray<Diagnostic> Remaining, IReadOnlyList<string> AppliedTo);

    public static async Task<Result> ApplyAllAsync(CSharpCompilation compilation)
    {
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var documents = compilation.SyntaxTrees.Select(t => DocumentInfo.Create(DocumentId.CreateNewId(projectId), Path.GetFileName(t.FilePath),
            loader: TextLoader.From(TextAndVersion.Create(t.GetText(), VersionStamp.Create(), t.FilePath)), filePath: t.FilePath));
        Project project = workspace.AddProject(ProjectInfo.Create(projectId, VersionStamp.Create(), compilation.AssemblyName!, compilation.AssemblyName!,
            LanguageNames.CSharp, compilationOptions: compilation.Options, parseOptions: (CSharpParseOptions)compilation.SyntaxTrees[0].Options,
            documents: documents, metadataReferences: compilation.References));

        var appliedTo = new List<string>();
        for (int iteration = 0; iteration < 100; iteration++)
        {
            Compilation current = (await project.GetCompilationAsync())!;
            (ImmutableArray<Diagnostic> diagnostics, List<Exception> exceptions) = await ProductSources.AnalyzeAsync(current);
            Assert.Empty(exceptions);
            Diagnostic? fixable = diagnostics
                .Where(d => d.Properties.ContainsKey(DiagnosticFactory.FixProperty))
                .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start)
                .FirstOrDefault();
            if (fixable is null)
                return new Result(iteration, current, diagnostics, appliedTo);

            Document document = project.Documents.Single(d => d.FilePath == fixable.Location.SourceTree!.FilePath);
            CodeFixProvider provider = Providers.First(p => p.FixableDiagnosticIds.Contains(fixable.Id)
                && p.GetType().Name.Length > 0);
            var actions = new List<CodeAction>();
            foreach (CodeFixProvider p in Providers.Where(p => p.FixableDiagnosticIds.Contains(fixable.Id)))
                await p.RegisterCodeFixesAsync(new CodeFixContext(document, fixable, (a, _) => actions.Add(a), CancellationToken.None));
            Assert.True(actions.Count == 1, $"the diagnostic says a fix applies but {actions.Count} code actions were offered: {fixable}");
            ImmutableArray<CodeActionOperation> operations = await actions[0].GetOperationsAsync(CancellationToken.None);
            Solution changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            project = changed.GetProject(projectId)!;
            appliedTo.Add($"{fixable.Id} {Path.GetFileName(fixable.Location.SourceTree!.FilePath)}:{fixable.Location.GetLineSpan().StartLinePosition.Line + 1} {fixable.Properties[DiagnosticFactory.FixProperty]}");
        }
        throw new InvalidOperationException("the fixes did not converge in 100 rounds");
    }
}

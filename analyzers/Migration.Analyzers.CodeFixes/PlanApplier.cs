using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Migration.Analyzers.Analysis;
using Migration.Analyzers.Fixes;

namespace Migration.Analyzers.CodeFixes;

/// <summary>
/// Registers and applies a rewrite plan for the diagnostics whose Fix property names <c>fixKind</c>: the plan is
/// recomputed on the current document with the same options the analyzer read, so a fix is offered exactly where
/// the diagnostic said one exists. New code is formatted; the plans already write type names as short as is safe.
/// </summary>
internal static class PlanApplier
{
    /// <summary>Registers one code action per diagnostic of <paramref name="context"/> carrying <paramref name="fixKind"/>.</summary>
    public static async Task RegisterAsync(CodeFixContext context, string fixKind, string title, PlanFactory plan)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticFactory.FixProperty, out string? kind) || kind != fixKind)
                continue;
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax call)
                continue;
            Document document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => ApplyAsync(document, call, plan, ct), equivalenceKey: fixKind),
                diagnostic);
        }
    }

    /// <summary>The document with the plan for <paramref name="call"/> applied (unchanged when the plan no longer applies).</summary>
    public static async Task<Document> ApplyAsync(Document document, InvocationExpressionSyntax call, PlanFactory plan, CancellationToken ct)
    {
        SemanticModel? model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
        SyntaxNode? root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        if (model is null || root is null)
            return document;
        MigrationContext migration = MigrationContext.Create(document.Project.AnalyzerOptions, ct);
        PlanResult result = plan(model, call, migration, document.Project.AnalyzerOptions, ct);
        if (result.Build() is not { } rewrite)
            return document;
        SyntaxNode fixedRoot = rewrite.Apply(root);
        ImmutableArray<SyntaxNode> generated = fixedRoot.GetAnnotatedNodes(FixAnnotations.Generated).ToImmutableArray();
        fixedRoot = fixedRoot.ReplaceNodes(generated, (_, n) => n.WithAdditionalAnnotations(Formatter.Annotation));
        return document.WithSyntaxRoot(fixedRoot);
    }
}

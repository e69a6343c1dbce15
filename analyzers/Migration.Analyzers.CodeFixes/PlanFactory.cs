using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Migration.Analyzers.Analysis;
using Migration.Analyzers.Fixes;

namespace Migration.Analyzers.CodeFixes;

/// <summary>Computes the rewrite plan for a diagnosed call (the same computation the analyzer made).</summary>
internal delegate PlanResult PlanFactory(SemanticModel model, InvocationExpressionSyntax call, MigrationContext migration, AnalyzerOptions options, CancellationToken ct);

using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Migration.Analyzers.Fixes;

/// <summary>
/// A rewrite a code fix applies: each old node (a statement or an expression) is replaced by zero or more new
/// nodes (several only for a statement in a block). The planners' checks run in the analyzer and decide whether a
/// fix exists; the plan itself is built only when the code fix applies it (<see cref="PlanResult.Build"/>), from the
/// same checks, so the two never disagree.
/// </summary>
internal sealed class RewritePlan
{
    private readonly List<(SyntaxNode Old, SyntaxNode[] New)> _edits = new();

    /// <summary>The nodes the plan replaces or removes.</summary>
    public IEnumerable<SyntaxNode> Targets => _edits.Select(e => e.Old);

    /// <summary>Replaces <paramref name="old"/> by <paramref name="replacement"/> (nothing: removes the statement).</summary>
    public RewritePlan Replace(SyntaxNode old, params SyntaxNode[] replacement)
    {
        _edits.Add((old, replacement));
        return this;
    }

    /// <summary><paramref name="root"/> with every edit applied; new nodes carry <see cref="FixAnnotations.Generated"/>.</summary>
    public SyntaxNode Apply(SyntaxNode root)
    {
        SyntaxNode current = root.TrackNodes(_edits.Select(e => e.Old));
        foreach ((SyntaxNode old, SyntaxNode[] replacement) in _edits)
        {
            SyntaxNode? target = current.GetCurrentNode(old);
            if (target is null)
                continue;
            SyntaxNode[] annotated = replacement.Select((n, i) => Annotate(n, target, i, replacement.Length)).ToArray();
            if (annotated.Length == 1)
                current = current.ReplaceNode(target, annotated[0]);
            else if (annotated.Length == 0)
                current = current.RemoveNode(target, SyntaxRemoveOptions.KeepNoTrivia)!;
            else
                current = current.ReplaceNode(target, annotated);
        }
        return current;
    }

    private static SyntaxNode Annotate(SyntaxNode node, SyntaxNode original, int index, int count)
    {
        // The first new node keeps the old node's leading trivia (comments), the last its trailing trivia; comments the
        // new nodes bring along (a moved loop body's statements) stay after, resp. before, them.
        if (index == 0)
            node = node.WithLeadingTrivia(Merge(original.GetLeadingTrivia(), node.GetLeadingTrivia(), leading: true));
        if (index == count - 1)
            node = node.WithTrailingTrivia(Merge(original.GetTrailingTrivia(), node.GetTrailingTrivia(), leading: false));
        return node is StatementSyntax or ExpressionSyntax ? node.WithAdditionalAnnotations(FixAnnotations.Generated) : node;
    }

    // The old node's trivia plus the new node's own comments (from its first comment on), unless the new node is the old
    // one rewritten and carries the very same trivia. Whitespace is left to the formatter.
    private static SyntaxTriviaList Merge(SyntaxTriviaList old, SyntaxTriviaList own, bool leading)
    {
        int first = own.IndexOf(own.FirstOrDefault(IsComment));
        if (first < 0 || own.ToFullString() == old.ToFullString())
            return old;
        SyntaxTriviaList comments = SyntaxFactory.TriviaList(own.Skip(first));
        if (leading)
            return old.AddRange(comments);
        // Trailing: the new node's comment on its own line end, then what followed the old node (its line break).
        SyntaxTriviaList beforeComment = SyntaxFactory.TriviaList(own.Take(first));
        return beforeComment.AddRange(comments.Where(t => !t.IsKind(SyntaxKind.EndOfLineTrivia))).AddRange(old);
    }

    private static bool IsComment(SyntaxTrivia t) => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia);
}

using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Migration.Analyzers.Analysis;

/// <summary>Small syntax walks the analyzers share.</summary>
internal static class SyntaxExtensions
{
    /// <summary>The expression without surrounding parentheses and null-forgiving '!'.</summary>
    public static ExpressionSyntax WalkDownParenthesesAndSuppression(this ExpressionSyntax e)
    {
        while (true)
        {
            switch (e)
            {
                case ParenthesizedExpressionSyntax p:
                    e = p.Expression;
                    continue;
                case PostfixUnaryExpressionSyntax { RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.SuppressNullableWarningExpression } s:
                    e = s.Operand;
                    continue;
                default:
                    return e;
            }
        }
    }
}

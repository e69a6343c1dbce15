using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Migration.Analyzers.Fixes;

/// <summary>
/// Finds the value a rewrite needs that the legacy call does not carry (the client device, the bus). Rule, in
/// order: the expression configured in .editorconfig (it must bind to the type at the call); else the unique
/// local or parameter of that type in scope; else the unique field or property of the containing type; else the
/// unique field or property one member further ("Platform.Device"). Paths through vendor types are not taken. Two
/// candidates at the first level that has any make the value ambiguous: no fix.
/// </summary>
internal static class PortValueResolver
{
    /// <summary>
    /// The expression for a value of <paramref name="type"/> at <paramref name="site"/>, or null with
    /// <paramref name="reason"/> saying why. <paramref name="isVendorType"/> tells which types not to walk through.
    /// </summary>
    public static ExpressionSyntax? Resolve(SemanticModel model, SyntaxNode site, INamedTypeSymbol type, string? configured, string optionKey,
        Func<ITypeSymbol, bool> isVendorType, out string reason)
    {
        int position = site.SpanStart;
        string what = type.Name;
        if (configured is not null)
        {
            ExpressionSyntax expr = SyntaxFactory.ParseExpression(configured);
            ITypeSymbol? bound = model.GetSpeculativeTypeInfo(position, expr, SpeculativeBindingOption.BindAsExpression).Type;
            if (bound is not null && IsOfType(bound, type) && !expr.ContainsDiagnostics)
            {
                reason = string.Empty;
                return expr;
            }
            reason = $"{optionKey} = {configured} is not a {what} at this call";
            return null;
        }

        ISymbol? enclosing = model.GetEnclosingSymbol(position);
        bool isStatic = enclosing is not null && (enclosing.IsStatic || enclosing is IMethodSymbol { MethodKind: MethodKind.LocalFunction, IsStatic: true });
        ImmutableSymbols inScope = Lookup(model, position, site);

        // Level 0: locals and parameters.
        List<string> level0 = inScope.Values.Where(s => IsOfType(TypeOf(s), type)).Select(s => s.Name).ToList();
        if (Pick(level0, what, optionKey, out reason) is { } l0)
            return l0;
        if (reason.Length != 0)
            return null;

        // Level 1: fields and properties of the containing type.
        List<ISymbol> members = inScope.Members.Where(m => !isStatic || m.IsStatic).ToList();
        List<string> level1 = members.Where(m => IsOfType(TypeOf(m), type)).Select(m => m.Name).ToList();
        if (Pick(level1, what, optionKey, out reason) is { } l1)
            return l1;
        if (reason.Length != 0)
            return null;

        // Level 2: one member further, from a local, a parameter or a member, not through a vendor type.
        var level2 = new List<string>();
        foreach (ISymbol owner in inScope.Values.Concat(members))
        {
            ITypeSymbol? ownerType = TypeOf(owner);
            if (ownerType is null || isVendorType(ownerType) || ownerType.SpecialType != SpecialType.None || ownerType.TypeKind != TypeKind.Class && ownerType.TypeKind != TypeKind.Struct)
                continue;
            foreach (ISymbol m in ownerType.GetMembers())
            {
                if (m.IsStatic || m is not (IFieldSymbol or IPropertySymbol { IsIndexer: false }) || m.IsImplicitlyDeclared || !model.IsAccessible(position, m))
                    continue;
                if (IsOfType(TypeOf(m), type))
                    level2.Add(owner.Name + "." + m.Name);
            }
        }
        if (Pick(level2, what, optionKey, out reason) is { } l2)
            return l2;
        if (reason.Length != 0)
            return null;
        reason = $"no {what} in scope for the rewrite (set {optionKey})";
        return null;
    }

    private static ExpressionSyntax? Pick(List<string> candidates, string what, string optionKey, out string reason)
    {
        List<string> distinct = candidates.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 1)
        {
            reason = string.Empty;
            return SyntaxFactory.ParseExpression(distinct[0]);
        }
        reason = distinct.Count > 1 ? $"several {what} values in scope ({string.Join(", ", distinct)}); set {optionKey}" : string.Empty;
        return null;
    }

    private static bool IsOfType(ITypeSymbol? candidate, INamedTypeSymbol type)
    {
        for (ITypeSymbol? t = candidate; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, type))
                return true;
        }
        return false;
    }

    private static ITypeSymbol? TypeOf(ISymbol s) => s switch
    {
        ILocalSymbol l => l.Type,
        IParameterSymbol p => p.Type,
        IFieldSymbol f => f.Type,
        IPropertySymbol p => p.Type,
        _ => null,
    };

    private static ImmutableSymbols Lookup(SemanticModel model, int position, SyntaxNode site)
    {
        var values = new List<ISymbol>();
        var members = new List<ISymbol>();
        foreach (ISymbol s in model.LookupSymbols(position))
        {
            switch (s)
            {
                case IParameterSymbol:
                    values.Add(s);
                    break;
                case ILocalSymbol local:
                    // In scope but declared after the call: not usable there.
                    SyntaxReference? decl = local.DeclaringSyntaxReferences.FirstOrDefault();
                    if (decl is not null && decl.SyntaxTree == site.SyntaxTree && decl.Span.End <= position)
                        values.Add(s);
                    break;
                case IFieldSymbol { IsImplicitlyDeclared: false }:
                case IPropertySymbol { IsIndexer: false }:
                    members.Add(s);
                    break;
            }
        }
        return new ImmutableSymbols(values, members);
    }

    private readonly struct ImmutableSymbols
    {
        public ImmutableSymbols(List<ISymbol> values, List<ISymbol> members)
        {
            Values = values;
            Members = members;
        }

        public List<ISymbol> Values { get; }

        public List<ISymbol> Members { get; }
    }
}

using Microsoft.CodeAnalysis;

namespace Migration.Analyzers.Fixes;

/// <summary>Annotations the rewrite plans put on the code they create (the code fix formats them).</summary>
internal static class FixAnnotations
{
    /// <summary>Marks a node a plan created: it is formatted.</summary>
    public static readonly SyntaxAnnotation Generated = new("IommuMigration.Generated");
}

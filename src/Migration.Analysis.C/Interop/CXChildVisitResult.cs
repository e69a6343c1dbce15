namespace Migration.Analysis.C.Interop;

/// <summary>CXChildVisitResult: what a clang_visitChildren callback tells the traversal to do next.</summary>
internal static class CXChildVisitResult
{
    /// <summary>CXChildVisit_Break: stop the traversal.</summary>
    public const int Break = 0;

    /// <summary>CXChildVisit_Continue: go on with the next sibling, skipping this cursor's children.</summary>
    public const int Continue = 1;

    /// <summary>CXChildVisit_Recurse: visit this cursor's children next.</summary>
    public const int Recurse = 2;
}

using System.Runtime.InteropServices;

namespace Migration.Analysis.C.Interop;

/// <summary>libclang's CXCursor: a node of the AST (kind, extra data, three opaque pointers), passed by value.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct CXCursor
{
    /// <summary>The CXCursorKind (see <see cref="CXCursorKind"/>).</summary>
    public readonly int Kind;

    /// <summary>libclang's xdata field.</summary>
    public readonly int XData;

    /// <summary>libclang's first opaque data pointer.</summary>
    public readonly IntPtr Data0;

    /// <summary>libclang's second opaque data pointer.</summary>
    public readonly IntPtr Data1;

    /// <summary>libclang's third opaque data pointer.</summary>
    public readonly IntPtr Data2;
}

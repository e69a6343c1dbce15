using System.Runtime.InteropServices;

namespace Migration.Analysis.C.Interop;

/// <summary>libclang's CXSourceLocation: a position in a translation unit (two opaque pointers and an encoded location).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct CXSourceLocation
{
    /// <summary>libclang's first opaque pointer.</summary>
    public readonly IntPtr Ptr0;

    /// <summary>libclang's second opaque pointer.</summary>
    public readonly IntPtr Ptr1;

    /// <summary>The encoded clang SourceLocation.</summary>
    public readonly uint IntData;
}

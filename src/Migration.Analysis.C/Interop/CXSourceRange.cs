using System.Runtime.InteropServices;

namespace Migration.Analysis.C.Interop;

/// <summary>libclang's CXSourceRange: a half-open range of source (two opaque pointers, begin and end encoded locations).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct CXSourceRange
{
    /// <summary>libclang's first opaque pointer.</summary>
    public readonly IntPtr Ptr0;

    /// <summary>libclang's second opaque pointer.</summary>
    public readonly IntPtr Ptr1;

    /// <summary>The encoded begin location.</summary>
    public readonly uint BeginIntData;

    /// <summary>The encoded end location.</summary>
    public readonly uint EndIntData;
}

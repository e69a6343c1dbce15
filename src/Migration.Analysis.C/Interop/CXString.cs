using System.Runtime.InteropServices;

namespace Migration.Analysis.C.Interop;

/// <summary>libclang's CXString: an owned or borrowed C string, read with clang_getCString and freed with clang_disposeString.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct CXString
{
    /// <summary>libclang's data pointer.</summary>
    public readonly IntPtr Data;

    /// <summary>libclang's private flags (ownership).</summary>
    public readonly uint Flags;
}

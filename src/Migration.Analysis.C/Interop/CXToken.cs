using System.Runtime.InteropServices;

namespace Migration.Analysis.C.Interop;

/// <summary>libclang's CXToken: one lexical token of a clang_tokenize result (four ints, one pointer).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct CXToken
{
    /// <summary>int_data[0]: the token kind.</summary>
    public readonly uint Int0;

    /// <summary>int_data[1]: the encoded location.</summary>
    public readonly uint Int1;

    /// <summary>int_data[2].</summary>
    public readonly uint Int2;

    /// <summary>int_data[3].</summary>
    public readonly uint Int3;

    /// <summary>ptr_data.</summary>
    public readonly IntPtr Ptr;
}

namespace Migration.Kernel;

/// <summary>
/// The IS_ERR_VALUE convention for <c>u32</c>/<c>unsigned long</c> returns (include/linux/err.h):
/// a negative errno cast to u32 (-EINVAL = 0xFFFFFFEA); "is an error" means value ≥ 0xFFFFF001.
/// </summary>
public static class ErrValue
{
    /// <summary>The lowest u32 that IS_ERR_VALUE treats as an error: (unsigned long)-MAX_ERRNO.</summary>
    public const uint First = unchecked((uint)-Errno.MAX_ERRNO);

    /// <summary>IS_ERR_VALUE(x): true when <paramref name="value"/> encodes a negative errno.</summary>
    public static bool IsErrValue(uint value) => value >= First;

    /// <summary>Encodes a negative errno as the u32 the kernel returns (e.g. -22 → 0xFFFFFFEA).</summary>
    public static uint FromErrno(int negativeErrno)
    {
        if (negativeErrno >= 0 || negativeErrno < -Errno.MAX_ERRNO)
            throw new ArgumentOutOfRangeException(nameof(negativeErrno), negativeErrno, "expected a negative errno in [-4095, -1]");
        return unchecked((uint)negativeErrno);
    }

    /// <summary>The negative errno carried by an IS_ERR_VALUE u32 (0xFFFFFFEA → -22).</summary>
    public static int ToErrno(uint value)
    {
        if (!IsErrValue(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "not an IS_ERR_VALUE");
        return unchecked((int)value);
    }
}

namespace Migration.Kernel;

/// <summary>Linux errno numbers as on 32-bit ARM (include/uapi/asm-generic/errno-base.h, errno.h).</summary>
public static class Errno
{
    /// <summary>ENOENT: no such file or entry.</summary>
    public const int ENOENT = 2;
    /// <summary>EIO: I/O error.</summary>
    public const int EIO = 5;
    /// <summary>EAGAIN: try again.</summary>
    public const int EAGAIN = 11;
    /// <summary>ENOMEM: out of memory.</summary>
    public const int ENOMEM = 12;
    /// <summary>EFAULT: bad address.</summary>
    public const int EFAULT = 14;
    /// <summary>EBUSY: device or resource busy.</summary>
    public const int EBUSY = 16;
    /// <summary>EEXIST: file exists (mapping already present).</summary>
    public const int EEXIST = 17;
    /// <summary>ENODEV: no such device.</summary>
    public const int ENODEV = 19;
    /// <summary>EINVAL: invalid argument.</summary>
    public const int EINVAL = 22;
    /// <summary>ENOSPC: no space left (address space exhausted).</summary>
    public const int ENOSPC = 28;
    /// <summary>ERANGE: result out of range (an io-pgtable address beyond ias/oas, v7s.md §3.1).</summary>
    public const int ERANGE = 34;
    /// <summary>ENOSYS: function not implemented (no fault handler installed).</summary>
    public const int ENOSYS = 38;

    /// <summary>The largest errno the IS_ERR conventions recognise (include/linux/err.h MAX_ERRNO).</summary>
    public const int MAX_ERRNO = 4095;

    /// <summary>Symbolic name of an errno, positive or negative (e.g. -22 → "EINVAL"); "0" for success.</summary>
    public static string Name(int errno) => Math.Abs(errno) switch
    {
        0 => "0",
        ENOENT => "ENOENT",
        EIO => "EIO",
        EAGAIN => "EAGAIN",
        ENOMEM => "ENOMEM",
        EFAULT => "EFAULT",
        EBUSY => "EBUSY",
        EEXIST => "EEXIST",
        ENODEV => "ENODEV",
        EINVAL => "EINVAL",
        ENOSPC => "ENOSPC",
        ERANGE => "ERANGE",
        ENOSYS => "ENOSYS",
        var other => "E" + other.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Formats a kernel int return value: "0", or "-EINVAL (-22)" for an error.</summary>
    public static string Describe(int ret) =>
        ret < 0 ? $"-{Name(ret)} ({ret})" : ret.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

namespace Migration.Analysis.C;

/// <summary>
/// What stands in for the kernel headers when a driver file is parsed alone: the common kernel typedefs and a few
/// macros kernel code uses as syntax (IS_ERR_VALUE, list_for_each_entry, MODULE_*) in an in-memory header passed
/// with -include, and the annotation macros (__init, __iomem, __user ...) defined empty with -D. Without the
/// annotations clang drops whole functions (an unknown __init before a declarator is a syntax error); without the
/// typedefs every declaration using u32 or dma_addr_t is an error to stub. A file parsed with the user's headers gets
/// the annotations but not the header: its typedefs and macros would clash with the real ones (a conflicting
/// <c>dma_addr_t</c>, or <c>#define true 1</c> before linux/stddef.h's <c>enum { false = 0, true = 1 }</c>), while a
/// real header redefining an annotation only replaces it (a macro redefinition is a warning, silenced by -w).
/// </summary>
public static class KernelPrelude
{
    /// <summary>The name of the in-memory prelude header (never written to disk).</summary>
    public const string HeaderName = "/__migrate__/kernel_prelude.h";

    /// <summary>The annotation macros defined empty (sections, address spaces, checker and compiler attributes).</summary>
    public static IReadOnlyList<string> EmptyAnnotations { get; } =
    [
        "__init", "__exit", "__initdata", "__exitdata", "__initconst", "__devinit", "__devexit", "__devinitdata",
        "__devinitconst", "__devexitdata", "__cpuinit", "__cpuinitdata", "__meminit", "__ref", "__refdata",
        "__iomem", "__user", "__kernel", "__percpu", "__rcu", "__force", "__bitwise", "__nocast", "__safe",
        "__must_check", "__maybe_unused", "__used", "__unused", "__always_unused", "__deprecated", "__weak",
        "__packed", "__aligned_largest", "__read_mostly", "__cacheline_aligned", "__cacheline_aligned_in_smp",
        "__kprobes", "__visible", "__cold", "__pure", "__noreturn", "noinline", "notrace", "asmlinkage",
        "__sched", "__lockfunc", "__irq_entry", "__attribute_const__",
    ];

    /// <summary>The function-like annotation macros defined to nothing (lock annotations, sections, alignment).</summary>
    public static IReadOnlyList<string> EmptyFunctionLikeAnnotations { get; } =
    [
        "__acquires", "__releases", "__acquire", "__release", "__cond_lock", "__section", "__aligned",
        "__printf", "__scanf", "__must_hold",
    ];

    /// <summary>The parser arguments: kernel C dialect, no warnings, no error limit, no system headers, the annotations, the prelude.</summary>
    public static IReadOnlyList<string> Arguments { get; } = ArgumentsFor([]);

    /// <summary>
    /// The parser arguments with the user's <paramref name="userFlags"/> after the front end's own (a later -D or -std=
    /// wins) and before the -include of the in-memory header, which must come after the user's forced includes
    /// (kbuild's <c>-include linux/kconfig.h</c>) because its stubs may name their types.
    /// </summary>
    public static IReadOnlyList<string> ArgumentsFor(IReadOnlyList<string> userFlags)
    {
        ArgumentNullException.ThrowIfNull(userFlags);
        var args = new List<string> { "-x", "c", "-std=gnu89", "-w", "-ferror-limit=0", "-fsyntax-only", "-nostdinc", "-D__KERNEL__" };
        args.AddRange(EmptyAnnotations.Select(a => $"-D{a}="));
        args.AddRange(EmptyFunctionLikeAnnotations.Select(a => $"-D{a}(...)="));
        args.AddRange(userFlags);
        args.Add("-include");
        args.Add(HeaderName);
        return args;
    }

    /// <summary>The in-memory header's text: the prelude and the stubs, or only the stubs for a file parsed with the user's headers.</summary>
    public static string HeaderText(bool withHeaders, string stubs) => withHeaders ? stubs : Text + stubs;

    /// <summary>The prelude header's text: typedefs and syntax-like macros of the kernel (include/linux/types.h, err.h, list.h...).</summary>
    public const string Text = """
        /* The kernel prelude of `migrate analyze`: what a driver file needs from the kernel headers to parse. */
        typedef unsigned char u8;
        typedef unsigned short u16;
        typedef unsigned int u32;
        typedef unsigned long long u64;
        typedef signed char s8;
        typedef signed short s16;
        typedef signed int s32;
        typedef signed long long s64;
        typedef unsigned char __u8;
        typedef unsigned short __u16;
        typedef unsigned int __u32;
        typedef unsigned long long __u64;
        typedef signed char __s8;
        typedef signed short __s16;
        typedef signed int __s32;
        typedef signed long long __s64;
        typedef unsigned short __le16;
        typedef unsigned int __le32;
        typedef unsigned long long __le64;
        typedef unsigned short __be16;
        typedef unsigned int __be32;
        typedef unsigned long long __be64;
        typedef unsigned long size_t;
        typedef long ssize_t;
        typedef long ptrdiff_t;
        typedef unsigned long uintptr_t;
        typedef long intptr_t;
        typedef long long loff_t;
        typedef long off_t;
        typedef _Bool bool;
        typedef unsigned int gfp_t;
        typedef unsigned int fmode_t;
        typedef unsigned int dma_addr_t;
        typedef unsigned int phys_addr_t;
        typedef unsigned int resource_size_t;
        typedef unsigned long pgprot_t;
        typedef int irqreturn_t;
        typedef int pid_t;
        typedef unsigned int uid_t;
        typedef unsigned int gid_t;
        typedef unsigned short umode_t;
        typedef unsigned int dev_t;
        typedef long time_t;
        typedef unsigned long sector_t;
        typedef unsigned int u_int;
        typedef unsigned long u_long;
        typedef unsigned char u_char;
        typedef unsigned short u_short;
        typedef unsigned char uint8_t;
        typedef unsigned short uint16_t;
        typedef unsigned int uint32_t;
        typedef unsigned long long uint64_t;
        typedef signed char int8_t;
        typedef short int16_t;
        typedef int int32_t;
        typedef long long int64_t;
        typedef struct { int counter; } atomic_t;
        typedef struct { int raw; } spinlock_t;
        typedef struct { int raw; } rwlock_t;
        typedef struct { int raw; } wait_queue_head_t;
        typedef __builtin_va_list va_list;
        #define NULL ((void *)0)
        #define true 1
        #define false 0
        #define likely(x) (x)
        #define unlikely(x) (x)
        #define MAX_ERRNO 4095
        #define IS_ERR_VALUE(x) unlikely((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)
        #define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
        #define container_of(ptr, type, member) ((type *)(void *)(ptr))
        #define offsetof(type, member) __builtin_offsetof(type, member)
        #define list_for_each(pos, head) for (;;)
        #define list_for_each_safe(pos, n, head) for (;;)
        #define list_for_each_entry(pos, head, member) for (;;)
        #define list_for_each_entry_safe(pos, n, head, member) for (;;)
        #define for_each_sg(sglist, sg, nr, i) for ((i) = 0; (i) < (nr); (i)++)
        #define EXPORT_SYMBOL(sym) extern int __migrate_export_##sym
        #define EXPORT_SYMBOL_GPL(sym) extern int __migrate_export_##sym
        #define module_init(fn) extern int __migrate_module_init
        #define module_exit(fn) extern int __migrate_module_exit
        #define module_param(name, type, perm) extern int __migrate_param_##name
        #define MODULE_LICENSE(text) extern int __migrate_module_license
        #define MODULE_AUTHOR(text) extern int __migrate_module_author
        #define MODULE_DESCRIPTION(text) extern int __migrate_module_description
        #define MODULE_ALIAS(text) extern int __migrate_module_alias
        #define MODULE_DEVICE_TABLE(type, name) extern int __migrate_module_device_table
        #define __devexit_p(fn) fn
        #define __exit_p(fn) fn

        """;
}

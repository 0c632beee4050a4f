package dev.sipscope.tui.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The command line: commands, their options and arguments, parsing, help and errors, without
 * reflection. picocli did this before; building its model cost about 75 ms of every start (its
 * first use, annotations read through reflection and dynamic proxies, about 180 classes that
 * class-data sharing cannot archive), a third of a small analysis (docs/PERFORMANCE.md, "Fifth round").
 *
 * <p>Syntax, as picocli accepted it: {@code --name=value} or {@code --name value}; {@code -x value},
 * {@code -xvalue}, and short flags clustered ({@code -cR}, the last one may take a value); a
 * negatable option as {@code --name} and {@code --no-name}; list options split on commas and
 * repeatable; options and arguments in any order; {@code --} ends the options; {@code -} alone is an
 * argument (standard input). An option given twice (lists aside) is an error, as are unknown options,
 * missing values and arguments, and values of the wrong type: exit code {@link ExitCodes#USAGE} with
 * one line saying why and where the help is.
 */
public final class Cli {
    private Cli() {
    }

    /** What a command does once parsed: its exit code. */
    @FunctionalInterface
    public interface Action {
        int run(PrintWriter out, PrintWriter err) throws Exception;
    }

    /** A usage error: the message is shown after {@code sipscope: }, with a pointer to the command's help. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    enum Kind { FLAG, VALUE, LIST, REPEAT, NEGATABLE }

    /** One option. */
    static final class Option {
        final String[] names;
        final String label;
        final String[] help;
        final Kind kind;
        final Consumer<String> set;

        Option(String[] names, String label, String[] help, Kind kind, Consumer<String> set) {
            this.names = names;
            this.label = label;
            this.help = help;
            this.kind = kind;
            this.set = set;
        }

        String longest() {
            return names[names.length - 1];
        }

        /** As the help and messages show it: {@code -f, --format=FORMAT}, {@code --[no-]progress}. */
        String shown() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < names.length; i++) {
                b.append(i > 0 ? ", " : "");
                b.append(kind == Kind.NEGATABLE ? "--[no-]" + names[i].substring(2) : names[i]);
            }
            if (label != null) {
                b.append('=').append(label);
                if (kind == Kind.LIST) {
                    b.append("[,").append(label).append("...]");
                }
            }
            return b.toString();
        }
    }

    /** A command: options, arguments, subcommands, what it does, and the text of its help. */
    public static final class Command {
        final String name;
        final List<Option> options = new ArrayList<>();
        final List<Command> subcommands = new ArrayList<>();
        final List<String[]> exclusive = new ArrayList<>();
        final List<String> required = new ArrayList<>();
        String[] header = {};
        String[] description = {};
        String[] footer = {};
        String[] exitCodes = {};
        String paramsLabel;
        String[] paramsHelp = {};
        int paramsMin;
        Consumer<String> param;
        Action action;
        Supplier<String[]> version;
        Command parent;

        public Command(String name) {
            this.name = name;
        }

        /** A line or paragraph shown first, above the usage (capture's). */
        public Command header(String... lines) {
            header = lines;
            return this;
        }

        public Command description(String... lines) {
            description = lines;
            return this;
        }

        /** Lines after the options: examples, exit codes. */
        public Command footer(String... lines) {
            footer = lines;
            return this;
        }

        /** "code:meaning" lines, shown under "Exit codes:" after the options. */
        public Command exitCodes(String... lines) {
            exitCodes = lines;
            return this;
        }

        /** An option taking a value; {@code names} comma-separated, short first ("-f,--format"). */
        public Command option(String names, String label, Consumer<String> set, String... help) {
            return add(new Option(names.split(","), label, help, Kind.VALUE, set));
        }

        /** An option without a value. */
        public Command flag(String names, Runnable set, String... help) {
            return add(new Option(names.split(","), null, help, Kind.FLAG, v -> set.run()));
        }

        /** A repeatable option whose values are split on commas; {@code add} takes each. */
        public Command list(String names, String label, Consumer<String> add, String... help) {
            return add(new Option(names.split(","), label, help, Kind.LIST, add));
        }

        /** A repeatable option, each value whole; {@code add} takes each. */
        public Command repeat(String names, String label, Consumer<String> add, String... help) {
            return add(new Option(names.split(","), label, help, Kind.REPEAT, add));
        }

        /** {@code --name} sets true, {@code --no-name} false. */
        public Command negatable(String name, Consumer<Boolean> set, String... help) {
            return add(new Option(new String[] {name}, null, help, Kind.NEGATABLE,
                    v -> set.accept(Boolean.parseBoolean(v))));
        }

        /** The arguments: at least {@code min}, each handed to {@code add}, shown as {@code label...}. */
        public Command params(String label, int min, Consumer<String> add, String... help) {
            paramsLabel = label;
            paramsMin = min;
            param = add;
            paramsHelp = help;
            return this;
        }

        /** Options of which at most one may be given. */
        public Command exclusive(String... names) {
            exclusive.add(names);
            return this;
        }

        /** An option that must be given (its longest name). */
        public Command required(String name) {
            required.add(name);
            return this;
        }

        public Command action(Action a) {
            action = a;
            return this;
        }

        /** {@code -V, --version} prints these lines. */
        public Command version(Supplier<String[]> lines) {
            version = lines;
            return this;
        }

        public Command subcommand(Command c) {
            c.parent = this;
            subcommands.add(c);
            return this;
        }

        private Command add(Option o) {
            options.add(o);
            return this;
        }

        String qualifiedName() {
            return parent == null ? name : parent.qualifiedName() + " " + name;
        }

        Option find(String name) {
            for (Option o : options) {
                for (String n : o.names) {
                    if (n.equals(name)) {
                        return o;
                    }
                }
            }
            return null;
        }

        Option findNegated(String name) {
            if (!name.startsWith("--no-")) {
                return null;
            }
            Option o = find("--" + name.substring(5));
            return o != null && o.kind == Kind.NEGATABLE ? o : null;
        }

        Command subcommand(String name) {
            for (Command c : subcommands) {
                if (c.name.equals(name)) {
                    return c;
                }
            }
            return null;
        }
    }

    /**
     * Parses {@code args} for {@code root} (or the subcommand they name) and runs it. Help, version and
     * usage errors are handled here; an unexpected exception from the action is printed with its stack
     * trace and gives {@link ExitCodes#SOFTWARE}.
     */
    public static int run(Command root, String[] args, PrintWriter out, PrintWriter err) {
        Command c = root;
        try {
            int i = 0;
            while (i < args.length && c.subcommand(args[i]) != null) {
                c = c.subcommand(args[i]);
                i++;
            }
            if (c.name.equals("help") && c.parent != null) {
                Command of = c.parent;
                for (int k = i; k < args.length; k++) {
                    Command s = of.subcommand(args[k]);
                    if (s == null) {
                        throw new UsageException("Unknown subcommand '" + args[k] + "'.");
                    }
                    of = s;
                }
                usage(of, out);
                return ExitCodes.OK;
            }
            Parsed p = parse(c, args, i);
            if (p.help) {
                usage(c, out);
                return ExitCodes.OK;
            }
            if (p.version) {
                Command v = c;
                while (v.version == null && v.parent != null) {
                    v = v.parent;
                }
                for (String line : v.version == null ? new String[0] : v.version.get()) {
                    out.println(line);
                }
                return ExitCodes.OK;
            }
            return c.action.run(out, err);
        } catch (UsageException e) {
            err.println("sipscope: " + e.getMessage());
            err.println("Try '" + c.qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        } catch (Exception | Error e) {
            err.println("sipscope: internal error (please report it with the command line): " + e);
            e.printStackTrace(err);
            return ExitCodes.SOFTWARE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Parses {@code args} into {@code c}'s options and arguments without running it (tests); usage errors throw. */
    public static void parseOnly(Command c, String... args) {
        parse(c, args, 0);
    }

    /** {@code list} with {@code value} added, a new list when it is null: for repeatable options. */
    public static <T> List<T> append(List<T> list, T value) {
        List<T> l = list == null ? new ArrayList<>() : list;
        l.add(value);
        return l;
    }

    static final class Parsed {
        boolean help;
        boolean version;
    }

    /** Parses {@code args[from..]} into {@code c}'s options and arguments. */
    static Parsed parse(Command c, String[] args, int from) {
        Parsed p = new Parsed();
        Set<Option> seen = new HashSet<>();
        int params = 0;
        boolean onlyParams = false;
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (onlyParams || a.equals("-") || !a.startsWith("-")) {
                if (c.param == null) {
                    throw new UsageException("Unmatched argument at index " + i + ": '" + a + "'");
                }
                c.param.accept(a);
                params++;
                continue;
            }
            if (a.equals("--")) {
                onlyParams = true;
                continue;
            }
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a : a.substring(0, eq);
                if (standard(c, name, p)) {
                    continue;
                }
                Option o = c.find(name);
                if (o == null) {
                    Option negated = c.findNegated(name);
                    if (negated != null && eq < 0) {
                        once(seen, negated);
                        negated.set.accept("false");
                        continue;
                    }
                    throw new UsageException("Unknown option: '" + name + "'");
                }
                String value = null;
                if (o.label != null) {
                    if (eq >= 0) {
                        value = a.substring(eq + 1);
                    } else if (i + 1 < args.length) {
                        value = valueAfter(c, o, args[++i]);
                    } else {
                        throw missingValue(o);
                    }
                } else if (eq >= 0) {
                    throw new UsageException("option '" + o.longest() + "' takes no value, got '" + a.substring(eq + 1) + "'");
                }
                apply(seen, o, value);
                continue;
            }
            // Short options, maybe clustered: -cR, -l1000, -cl 1000.
            for (int k = 1; k < a.length(); k++) {
                String name = "-" + a.charAt(k);
                if (standard(c, name, p)) {
                    continue;
                }
                Option o = c.find(name);
                if (o == null) {
                    throw new UsageException("Unknown option: '" + (k == 1 ? a : name) + "'");
                }
                if (o.label == null) {
                    apply(seen, o, null);
                    continue;
                }
                String value;
                if (k + 1 < a.length()) {
                    value = a.substring(k + 1);
                    if (value.startsWith("=")) {
                        value = value.substring(1);
                    }
                } else if (i + 1 < args.length) {
                    value = valueAfter(c, o, args[++i]);
                } else {
                    throw missingValue(o);
                }
                apply(seen, o, value);
                break;
            }
        }
        if (p.help || p.version) {
            return p;
        }
        if (params < c.paramsMin) {
            throw new UsageException("Missing required parameter: '" + c.paramsLabel + "'");
        }
        for (String r : c.required) {
            Option o = c.find(r);
            if (!seen.contains(o)) {
                throw new UsageException("Missing required option: '" + o.longest() + "=" + o.label + "'");
            }
        }
        for (String[] group : c.exclusive) {
            List<String> given = new ArrayList<>();
            for (String n : group) {
                if (seen.contains(c.find(n))) {
                    given.add(n);
                }
            }
            if (given.size() > 1) {
                throw new UsageException(String.join(", ", given) + " are mutually exclusive (specify only one)");
            }
        }
        return p;
    }

    /** -h/--help and -V/--version, which every command has. */
    private static boolean standard(Command c, String name, Parsed p) {
        if (!isStandard(c, name)) {
            return false;
        }
        if (name.equals("-h") || name.equals("--help")) {
            p.help = true;
        } else {
            p.version = true;
        }
        return true;
    }

    /**
     * The next argument as the value of {@code o}, unless it is one of the command's options (as picocli:
     * {@code --calls-csv --format json} is a missing value, not a file named {@code --format}).
     */
    private static String valueAfter(Command c, Option o, String next) {
        if (next.startsWith("-") && next.length() > 1) {
            int eq = next.indexOf('=');
            String name = eq < 0 ? next : next.substring(0, eq);
            if (c.find(name) != null || c.findNegated(name) != null || isStandard(c, name)) {
                throw new UsageException("Expected parameter for option '" + o.longest() + "' but found '" + next + "'");
            }
        }
        return next;
    }

    private static boolean isStandard(Command c, String name) {
        return (name.equals("-h") || name.equals("--help") || name.equals("-V") || name.equals("--version"))
                && c.find(name) == null;
    }

    private static UsageException missingValue(Option o) {
        return new UsageException("Missing required parameter for option '" + o.longest() + "' (" + o.label + ")");
    }

    private static void once(Set<Option> seen, Option o) {
        if (!seen.add(o) && o.kind != Kind.LIST && o.kind != Kind.REPEAT) {
            throw new UsageException("option '" + o.longest() + "'" + (o.label == null ? "" : " (" + o.label + ")")
                    + " should be specified only once");
        }
    }

    private static void apply(Set<Option> seen, Option o, String value) {
        once(seen, o);
        try {
            if (o.kind == Kind.LIST) {
                for (String v : value.split(",", -1)) {
                    o.set.accept(v);
                }
            } else if (o.kind == Kind.NEGATABLE) {
                o.set.accept("true");
            } else {
                o.set.accept(value);
            }
        } catch (UsageException e) {
            throw e;
        } catch (BadValue e) {
            throw new UsageException("Invalid value for option '" + o.longest() + "'" + (o.label == null ? ""
                    : " (" + o.label + ")") + ": " + e.getMessage());
        }
    }

    /** Thrown by the value converters; {@link #apply} names the option. */
    static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ value converters

    public static int intValue(String v) {
        return number(v, Integer::valueOf, "an int");
    }

    public static long longValue(String v) {
        return number(v, Long::valueOf, "a long");
    }

    public static double doubleValue(String v) {
        return number(v, Double::valueOf, "a double");
    }

    /** {@code v} (spaces around it ignored) through {@code parse}; the message names {@code what} it is not. */
    private static <T> T number(String v, Function<String, T> parse, String what) {
        try {
            return parse.apply(v.trim());
        } catch (NumberFormatException e) {
            throw new BadValue("'" + v + "' is not " + what);
        }
    }

    public static Path pathValue(String v) {
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw new BadValue("'" + v + "' is not a path (" + e.getReason() + ")");
        }
    }

    /** The constant of {@code values} named {@code v} exactly (as picocli matched enums). */
    public static <E extends Enum<E>> E choice(String v, E[] values) {
        for (E e : values) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        throw new BadValue("expected one of " + Arrays.toString(values) + " (case-sensitive) but was '" + v + "'");
    }

    /** {@code text, json, csv}: the constants of an enum, for help texts. */
    public static String names(Enum<?>[] values) {
        StringBuilder b = new StringBuilder();
        for (Enum<?> e : values) {
            b.append(b.length() == 0 ? "" : ", ").append(e.name());
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ help

    private static final int WIDTH = 80;
    private static final int OPTION_COLUMN = 27;

    /** The help of {@code c}: usage, description, arguments, options, subcommands, exit codes, footer. */
    public static void usage(Command c, PrintWriter out) {
        for (String line : c.header) {
            wrap(out, line, 0, 0);
        }
        if (c.header.length > 0) {
            out.println();
        }
        StringBuilder synopsis = new StringBuilder("Usage: ").append(c.qualifiedName()).append(" [OPTIONS]");
        if (!c.subcommands.isEmpty()) {
            synopsis.append(" [COMMAND]");
        }
        if (c.paramsLabel != null) {
            synopsis.append(' ').append(c.paramsMin > 0 ? c.paramsLabel + "..." : "[" + c.paramsLabel + "...]");
        }
        out.println(synopsis);
        for (String line : c.description) {
            wrap(out, line, 0, 0);
        }
        if (c.paramsLabel != null) {
            out.println();
            out.println("Parameters:");
            item(out, (c.paramsMin > 0 ? "" : "[") + c.paramsLabel + "..." + (c.paramsMin > 0 ? "" : "]"), c.paramsHelp);
        }
        out.println();
        out.println("Options:");
        for (Option o : c.options) {
            item(out, (o.names[0].startsWith("--") ? "    " : "") + o.shown(), o.help);
        }
        if (c.find("-h") == null && c.find("--help") == null) {
            item(out, "-h, --help", new String[] {"Show this help, then exit."});
        }
        if (c.find("-V") == null && c.find("--version") == null) {
            item(out, "-V, --version", new String[] {"Print version information, then exit."});
        }
        if (!c.subcommands.isEmpty()) {
            out.println();
            out.println("Commands:");
            for (Command s : c.subcommands) {
                String[] summary = s.header.length > 0 ? s.header : s.description;
                item(out, s.name, summary.length > 0 ? new String[] {summary[0]} : new String[0]);
            }
        }
        if (c.exitCodes.length > 0) {
            out.println();
            out.println("Exit codes:");
            for (String e : c.exitCodes) {
                int colon = e.indexOf(':');
                item(out, e.substring(0, colon), new String[] {e.substring(colon + 1)});
            }
        }
        for (String line : c.footer) {
            out.println(line);
        }
    }

    /** One entry of a list: the term at column 2, its text wrapped at {@link #OPTION_COLUMN}. */
    private static void item(PrintWriter out, String term, String[] help) {
        String lead = "  " + term;
        String text = String.join(" ", help);
        if (lead.length() + 2 > OPTION_COLUMN) {
            out.println(lead);
            wrap(out, text, OPTION_COLUMN, OPTION_COLUMN);
            return;
        }
        StringBuilder first = new StringBuilder(lead);
        while (first.length() < OPTION_COLUMN) {
            first.append(' ');
        }
        wrapAfter(out, first.toString(), text, OPTION_COLUMN);
    }

    private static void wrap(PrintWriter out, String text, int firstIndent, int indent) {
        wrapAfter(out, " ".repeat(firstIndent), text, indent);
    }

    /**
     * {@code prefix}, then {@code text} word-wrapped to {@link #WIDTH}, next lines indented by {@code indent}.
     * A no-break space ({@link #NBSP}) keeps two words on one line and is printed as a space.
     */
    private static void wrapAfter(PrintWriter out, String prefix, String text, int indent) {
        StringBuilder line = new StringBuilder(prefix);
        int start = line.length();
        if (text.isEmpty()) {
            out.println(line.toString().stripTrailing());
            return;
        }
        for (String word : text.split(" ")) {
            if (line.length() > start && line.length() + 1 + word.length() > WIDTH) {
                out.println(line.toString().replace(NBSP, ' '));
                line.setLength(0);
                line.append(" ".repeat(indent));
                start = indent;
            }
            if (line.length() > start) {
                line.append(' ');
            }
            line.append(word);
        }
        out.println(line.toString().replace(NBSP, ' '));
    }

    /** In help texts, a space the help never breaks a line at: {@code "default:" + NBSP + "250000"}. */
    public static final char NBSP = '\u00a0';
}

package io.erplink.simulator.bc.odata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.erplink.simulator.bc.model.EdmType;
import io.erplink.simulator.bc.model.Field;
import io.erplink.simulator.bc.model.Table;
import io.erplink.simulator.bc.odata.Literals.Kind;
import io.erplink.simulator.bc.odata.Literals.Literal;

/**
 * Parses a {@code $filter} with what BC supports: {@code eq ne gt ge lt le}, {@code and}, {@code or}
 * on one field only (an {@code or} across different fields is BC's 400), parentheses and
 * {@code startswith/endswith/contains(Field,'text')}; always a field on the left and a literal on the
 * right, typed per the field. {@code Field eq null} is ignored, as BC does. String literals are
 * tokens of their own ({@code ''} inside is one quote), so no value can change the expression.
 */
public final class FilterParser {
    private static final int MAX_DEPTH = 50;

    private final Table table;
    private final List<Token> tokens;
    private int position;
    private int depth;

    private record Token(Type type, String text, int at) {}

    private enum Type {
        WORD,
        STRING,
        ENUM,
        OPEN,
        CLOSE,
        COMMA,
        EQUALS,
        END
    }

    private FilterParser(Table table, String filter) {
        this.table = table;
        this.tokens = tokenize(filter);
    }

    public static Filter parse(Table table, String filter) {
        FilterParser parser = new FilterParser(table, filter);
        Filter parsed = parser.or();
        if (parser.peek().type() != Type.END) {
            throw parser.syntax("unexpected '" + parser.peek().text() + "'");
        }
        checkOr(parsed);
        return parsed;
    }

    /**
     * The key of a key predicate, the text between the parentheses of {@code Set(...)}: a single
     * literal for a single key, else {@code Name=literal,...} naming every key field.
     */
    public static Object[] parseKey(Table table, String predicate) {
        FilterParser parser = new FilterParser(table, predicate);
        int[] keys = table.keyIndexes();
        Object[] key = new Object[keys.length];
        if (keys.length == 1 && parser.tokens.size() == 2) {
            Field field = table.fields().get(keys[0]);
            key[0] = Literals.valueFor(field, parser.literal(parser.next()));
            return key;
        }
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                parser.expect(Type.COMMA, "','");
            }
            Token name = parser.next();
            int position = -1;
            for (int k = 0; k < keys.length; k++) {
                if (table.fields().get(keys[k]).name().equals(name.text())) {
                    position = k;
                }
            }
            if (position < 0 || key[position] != null) {
                throw BcError.badRequest("The key predicate '" + predicate + "' does not name the key fields of '"
                        + table.name() + "' (" + keyNames(table) + ").");
            }
            parser.expect(Type.EQUALS, "'='");
            key[position] = Literals.valueFor(table.fields().get(keys[position]), parser.literal(parser.next()));
        }
        if (parser.peek().type() != Type.END) {
            throw BcError.badRequest("The key predicate '" + predicate + "' does not name the key fields of '"
                    + table.name() + "' (" + keyNames(table) + ").");
        }
        return key;
    }

    private static String keyNames(Table table) {
        StringBuilder names = new StringBuilder();
        for (int key : table.keyIndexes()) {
            names.append(names.isEmpty() ? "" : ", ")
                    .append(table.fields().get(key).name());
        }
        return names.toString();
    }

    /** BC refuses an 'or' whose sides filter on different fields. */
    private static void checkOr(Filter filter) {
        if (filter instanceof Filter.Or or) {
            if (or.fields().size() > 1) {
                throw BcError.badRequest("An error occurred while processing this request. The 'OR' operator is not"
                        + " supported on distinct fields on an OData filter.");
            }
            checkOr(or.left());
            checkOr(or.right());
        } else if (filter instanceof Filter.And and) {
            checkOr(and.left());
            checkOr(and.right());
        }
    }

    private Filter or() {
        Filter left = and();
        while (isWord("or")) {
            position++;
            left = combine(left, and(), false);
        }
        return left;
    }

    private Filter and() {
        Filter left = primary();
        while (isWord("and")) {
            position++;
            left = combine(left, primary(), true);
        }
        return left;
    }

    private static Filter combine(Filter left, Filter right, boolean and) {
        // An ignored comparison (eq null) drops out of the expression, whichever operator joins it.
        if (left instanceof Filter.All) {
            return right;
        }
        if (right instanceof Filter.All) {
            return left;
        }
        return and ? new Filter.And(left, right) : new Filter.Or(left, right);
    }

    private Filter primary() {
        Token token = next();
        if (token.type() == Type.OPEN) {
            if (++depth > MAX_DEPTH) {
                throw syntax("nested more than " + MAX_DEPTH + " levels");
            }
            Filter inner = or();
            expect(Type.CLOSE, "')'");
            depth--;
            return inner;
        }
        if (token.type() != Type.WORD) {
            throw syntax("expected a field name at '" + token.text() + "'");
        }
        String word = token.text();
        if (word.equals("not")) {
            throw BcError.badRequest("The 'not' operator is not supported on an OData filter.");
        }
        if (peek().type() == Type.OPEN) {
            return call(word);
        }
        if (Literals.classify(word) != null) {
            throw syntax("the left side of a comparison must be a field, found '" + word + "'");
        }
        Field field = field(word);
        int index = table.indexOf(word).orElseThrow();
        Token operator = next();
        Filter.Operator op = operator(operator);
        Literal literal = literal(next());
        if (literal.kind() == Kind.NULL) {
            return new Filter.All();
        }
        return new Filter.Comparison(field, index, op, Literals.valueFor(field, literal));
    }

    private Filter call(String name) {
        Filter.Function function;
        try {
            function = Filter.Function.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw BcError.badRequest("The function '" + name + "' is not supported on an OData filter.");
        }
        if (!name.equals(name.toLowerCase(Locale.ROOT))) {
            throw syntax("unknown function '" + name + "'");
        }
        expect(Type.OPEN, "'('");
        Token fieldToken = next();
        if (fieldToken.type() != Type.WORD) {
            throw syntax(name + " needs a field as its first argument");
        }
        Field field = field(fieldToken.text());
        expect(Type.COMMA, "','");
        Literal literal = literal(next());
        expect(Type.CLOSE, "')'");
        if (field.type() != EdmType.STRING || literal.kind() != Kind.STRING) {
            throw BcError.badRequest("The function '" + name + "' needs a text field and a string literal; '"
                    + field.name() + "' is " + field.edmTypeName() + ".");
        }
        return new Filter.Call(field, table.indexOf(field.name()).orElseThrow(), function, literal.text());
    }

    private Field field(String name) {
        return table.indexOf(name)
                .map(i -> table.fields().get(i))
                .orElseThrow(() -> BcError.badRequest(
                        "Could not find a property named '" + name + "' on type 'NAV." + table.name() + "'."));
    }

    private Filter.Operator operator(Token token) {
        if (token.type() == Type.WORD) {
            switch (token.text()) {
                case "eq":
                    return Filter.Operator.EQ;
                case "ne":
                    return Filter.Operator.NE;
                case "gt":
                    return Filter.Operator.GT;
                case "ge":
                    return Filter.Operator.GE;
                case "lt":
                    return Filter.Operator.LT;
                case "le":
                    return Filter.Operator.LE;
                case "in", "has", "add", "sub", "mul", "div", "mod":
                    throw BcError.badRequest(
                            "The operator '" + token.text() + "' is not supported on an OData filter.");
                default:
            }
        }
        throw syntax("expected a comparison operator (eq, ne, gt, ge, lt, le) at '" + token.text() + "'");
    }

    private Literal literal(Token token) {
        switch (token.type()) {
            case STRING:
                return new Literal(Kind.STRING, token.text());
            case ENUM: {
                int quote = token.text().indexOf('\'');
                return new Literal(
                        Kind.ENUM,
                        token.text().substring(quote + 1),
                        token.text().substring(0, quote));
            }
            case WORD: {
                Kind kind = Literals.classify(token.text());
                if (kind != null) {
                    return new Literal(kind, token.text());
                }
                throw syntax("the right side of a comparison must be a literal, found '" + token.text() + "'");
            }
            default:
                throw syntax("expected a literal at '" + token.text() + "'");
        }
    }

    private boolean isWord(String word) {
        Token token = peek();
        return token.type() == Type.WORD && token.text().equals(word);
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.type() != Type.END) {
            position++;
        }
        return token;
    }

    private void expect(Type type, String what) {
        Token token = next();
        if (token.type() != type) {
            throw syntax("expected " + what + " at '" + token.text() + "'");
        }
    }

    private BcError syntax(String detail) {
        Token token = peek();
        return BcError.badRequest("Syntax error in $filter at position " + token.at() + ": " + detail + ".");
    }

    private static List<Token> tokenize(String filter) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = filter.length();
        while (i < n) {
            char c = filter.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Type.OPEN, "(", i++));
            } else if (c == ')') {
                tokens.add(new Token(Type.CLOSE, ")", i++));
            } else if (c == ',') {
                tokens.add(new Token(Type.COMMA, ",", i++));
            } else if (c == '=') {
                tokens.add(new Token(Type.EQUALS, "=", i++));
            } else if (c == '\'') {
                int start = i;
                StringBuilder text = new StringBuilder();
                i = quoted(filter, i, text);
                tokens.add(new Token(Type.STRING, text.toString(), start));
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
                int start = i;
                while (i < n && isWordChar(filter.charAt(i))) {
                    i++;
                }
                String word = filter.substring(start, i);
                if (i < n && filter.charAt(i) == '\'' && Character.isLetter(word.charAt(0))) {
                    StringBuilder text = new StringBuilder();
                    i = quoted(filter, i, text);
                    tokens.add(new Token(Type.ENUM, word + "'" + text, start));
                } else {
                    tokens.add(new Token(Type.WORD, word, start));
                }
            } else {
                throw BcError.badRequest(
                        "Syntax error in $filter at position " + i + ": unexpected character '" + c + "'.");
            }
        }
        tokens.add(new Token(Type.END, "end of the filter", n));
        return tokens;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == ':' || c == '-' || c == '+';
    }

    /** Reads a quoted literal from the quote at {@code i}; returns the index after its closing quote. */
    private static int quoted(String filter, int i, StringBuilder text) {
        int start = i;
        i++;
        while (true) {
            if (i >= filter.length()) {
                throw BcError.badRequest(
                        "Syntax error in $filter at position " + start + ": unterminated string literal.");
            }
            char c = filter.charAt(i);
            if (c == '\'') {
                if (i + 1 < filter.length() && filter.charAt(i + 1) == '\'') {
                    text.append('\'');
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            text.append(c);
            i++;
        }
    }
}

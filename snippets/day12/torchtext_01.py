"""torchtext 없이: 토큰화 -> 단어장(vocab) -> 숫자로 바꾸기 -> 패딩한 배치.

torchtext 0.18의 get_tokenizer, vocab, Vocab을 같은 이름, 같은 동작으로 옮겼다.
그래서 import 한 줄만 빼면 아래 사용 코드는 torchtext를 쓰는 코드와 같다.
"""
# --8<-- [start:tokenizer]
import re

# torchtext/data/utils.py의 basic_english 규칙을 그대로 옮겼다(위에서부터 적용)
_RULES = [(re.compile(p), r) for p, r in [
    (r"\'", " '  "),      # 작은따옴표는 떼어서 토큰으로
    (r"\"", ""),          # 큰따옴표는 지운다
    (r"\.", " . "),
    (r"<br \/>", " "),    # HTML 줄바꿈은 공백으로
    (r",", " , "),
    (r"\(", " ( "),
    (r"\)", " ) "),
    (r"\!", " ! "),
    (r"\?", " ? "),
    (r"\;", " "),         # ; 와 : 는 지운다
    (r"\:", " "),
    (r"\s+", " "),
]]


def _basic_english(line):
    line = line.lower()
    for pattern, replacement in _RULES:
        line = pattern.sub(replacement, line)
    return line.split()


def get_tokenizer(tokenizer):
    """torchtext.data.utils.get_tokenizer에서 외부 라이브러리(spacy 등) 부분만 뺐다."""
    if tokenizer is None:
        return str.split           # 공백 기준
    if tokenizer == "basic_english":
        return _basic_english
    if callable(tokenizer):
        return tokenizer           # 함수는 그대로
    # torchtext의 메시지 앞부분 (뒤에 나열하는 외부 라이브러리 이름은 줄였다)
    raise ValueError(f"Requested tokenizer {tokenizer}, valid choices are a callable ...")


text = 'I don\'t like "PyTorch"... (really)!'
print(get_tokenizer(None)(text))
#> ['I', "don't", 'like', '"PyTorch"...', '(really)!']
print(get_tokenizer("basic_english")(text))
#> ['i', 'don', "'", 't', 'like', 'pytorch', '.', '.', '.', '(', 'really', ')', '!']
try:
    get_tokenizer(" ")  # 공백 문자열은 tokenizer 이름이 아니다
except ValueError as e:
    print("ValueError:", e)
    #> ValueError: Requested tokenizer  , valid choices are a callable ...
# --8<-- [end:tokenizer]

# --8<-- [start:vocab]
from collections import Counter, OrderedDict


class Vocab:
    """torchtext의 Vocab: itos(list)와 stoi(dict), 그리고 기본 번호(default index)."""

    def __init__(self, tokens):
        self.itos = list(tokens)
        self.stoi = {tok: i for i, tok in enumerate(self.itos)}
        self.default_index = None  # set_default_index로 정하기 전까지는 없다

    def __len__(self):
        return len(self.itos)

    def __contains__(self, token):
        return token in self.stoi

    def __getitem__(self, token):
        if token in self.stoi:
            return self.stoi[token]
        if self.default_index is None:
            raise RuntimeError(f"Token {token} not found and default index is not set")
        return self.default_index

    def set_default_index(self, index):
        self.default_index = index

    def lookup_indices(self, tokens):
        return [self[tok] for tok in tokens]

    def get_itos(self):
        return self.itos

    def get_stoi(self):
        return self.stoi


def vocab(ordered_dict, min_freq=1, specials=None, special_first=True):
    """torchtext/vocab/vocab_factory.py의 vocab()을 그대로 옮겼다."""
    specials = specials or []
    for token in specials:
        ordered_dict.pop(token, None)  # 넘겨준 dict에서 특수 토큰을 지운다
    tokens = [tok for tok, freq in ordered_dict.items() if freq >= min_freq]
    if special_first:
        tokens[0:0] = specials
    else:
        tokens.extend(specials)
    return Vocab(tokens)


# 여기부터는 torchtext를 쓰는 코드와 같다
tokenizer = get_tokenizer("basic_english")
corpus = ["I love PyTorch.", "I love NLP!", "PyTorch is fun, NLP is fun."]
counter = Counter(tok for sentence in corpus for tok in tokenizer(sentence))
# 번호는 넣은 순서대로 붙는다: 빈도 내림차순, 빈도가 같으면 사전순으로 넣는다
ordered = OrderedDict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))
print(" ".join(f"{tok}:{freq}" for tok, freq in ordered.items()))
#> .:2 fun:2 i:2 is:2 love:2 nlp:2 pytorch:2 !:1 ,:1

v = vocab(ordered, min_freq=2, specials=["<unk>", "<pad>"])  # 한 번만 나온 ',', '!' 는 빠진다
print(v.get_itos())
#> ['<unk>', '<pad>', '.', 'fun', 'i', 'is', 'love', 'nlp', 'pytorch']
print(v.get_stoi())
#> {'<unk>': 0, '<pad>': 1, '.': 2, 'fun': 3, 'i': 4, 'is': 5, 'love': 6, 'nlp': 7, 'pytorch': 8}

# 기본 번호를 정하기 전에는 없는 단어를 찾으면 에러
try:
    v["tensorflow"]
except RuntimeError as e:
    print("RuntimeError:", e)
    #> RuntimeError: Token tensorflow not found and default index is not set
v.set_default_index(v["<unk>"])  # 이제 없는 단어는 <unk>의 번호 0
print(len(v), v["pytorch"], v["tensorflow"], "tensorflow" in v)
#> 9 8 0 False
# --8<-- [end:vocab]

# --8<-- [start:batch]
import torch
from torch.nn.utils.rnn import pad_sequence

sentences = ["I love PyTorch.", "NLP is fun, I love NLP.", "Hello TensorFlow!"]
ids = [torch.tensor(v.lookup_indices(tokenizer(s))) for s in sentences]
print([t.tolist() for t in ids])
#> [[4, 6, 8, 2], [7, 5, 3, 0, 4, 6, 7, 2], [0, 0, 0]]

pad = v["<pad>"]
# 가장 긴 문장의 길이에 맞춰 뒤를 <pad>의 번호로 채운다
batch = pad_sequence(ids, batch_first=True, padding_value=pad)
print(batch)
#> tensor([[4, 6, 8, 2, 1, 1, 1, 1],
#>         [7, 5, 3, 0, 4, 6, 7, 2],
#>         [0, 0, 0, 1, 1, 1, 1, 1]])
print(batch.shape, batch.dtype)
#> torch.Size([3, 8]) torch.int64
print([v.get_itos()[i] for i in batch[2].tolist()])  # 숫자 -> 다시 토큰
#> ['<unk>', '<unk>', '<unk>', '<pad>', '<pad>', '<pad>', '<pad>', '<pad>']
# --8<-- [end:batch]

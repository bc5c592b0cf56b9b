"""tqdm.pandas() + progress_apply: pandas의 apply에 진행 막대를 붙인다."""
import io

import pandas as pd
from tqdm import tqdm

df = pd.DataFrame({"text": ["I love PyTorch", "tqdm shows progress",
                            "pandas apply", "done"]})

# 막대는 원래 stderr로 나가고 속도·시간이 매번 달라진다.
# 여기서는 시간 없는 bar_format으로 StringIO에 쓰게 하고 마지막 막대만 출력한다.
bar_out = io.StringIO()
tqdm.pandas(desc="단어 수 세기", file=bar_out, ncols=60,
            bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt}")

# apply 대신 progress_apply: 결과는 apply와 같고 진행 막대가 덤으로 생긴다
df["n_words"] = df["text"].progress_apply(lambda s: len(s.split()))
print(df)
#>                   text  n_words
#> 0       I love PyTorch        3
#> 1  tqdm shows progress        3
#> 2         pandas apply        2
#> 3                 done        1
print(df["n_words"].equals(df["text"].apply(lambda s: len(s.split()))))
#> True

final_bar = bar_out.getvalue().split("\r")[-1].strip()  # \r로 덮어쓴 마지막 상태
print(final_bar)
#> 단어 수 세기: 100%|####################################| 4/4

"""BertForSequenceClassification의 분류 머리는 [CLS] 벡터가 아니라 pooler 출력을 받는다."""
import os

os.environ["HF_HUB_OFFLINE"] = "1"

import torch
from transformers import BertConfig, BertForSequenceClassification

torch.manual_seed(0)  # 무작위 가중치와 입력을 매번 같게
config = BertConfig(vocab_size=100, hidden_size=16, num_hidden_layers=2,
                    num_attention_heads=2, intermediate_size=32, num_labels=3)
model = BertForSequenceClassification(config).eval()
print(model.bert.pooler)  # [CLS] 벡터 -> Linear -> tanh
#> BertPooler(
#>   (dense): Linear(in_features=16, out_features=16, bias=True)
#>   (activation): Tanh()
#> )

input_ids = torch.randint(1, 100, (2, 5))
with torch.no_grad():
    out = model.bert(input_ids=input_ids)
    cls = out.last_hidden_state[:, 0]                 # 마지막 층의 [CLS] 위치 벡터 (B, H)
    pooled = torch.tanh(model.bert.pooler.dense(cls))  # pooler: dense + tanh
    logits = model(input_ids=input_ids).logits

print("pooler_output == tanh(dense([CLS])):", torch.allclose(pooled, out.pooler_output))
#> pooler_output == tanh(dense([CLS])): True
# 분류 머리(dropout -> classifier)는 pooler 출력을 받는다. eval()이라 dropout은 그대로 통과
print("logits == classifier(pooler_output):", torch.allclose(model.classifier(out.pooler_output), logits))
#> logits == classifier(pooler_output): True
print("logits == classifier([CLS]):", torch.allclose(model.classifier(cls), logits))
#> logits == classifier([CLS]): False
